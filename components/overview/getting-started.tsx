import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { OverviewSummary } from "@/lib/metrics";

/** What a new operator does next, ticked off as the app fills up. */
export function GettingStarted({ summary, webhookUrl, isAdmin }: { summary: OverviewSummary; webhookUrl: string; isAdmin: boolean }) {
  const { issues, setup } = summary;
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-border bg-surface p-5 shadow-sm" aria-labelledby="getting-started">
        <h2 id="getting-started" className="text-sm font-semibold">
          Getting started
        </h2>
        <ol className="mt-3 space-y-2 text-sm">
          <li className="flex items-center gap-2">
            <Badge tone="ok">done</Badge> Database ready ({setup.databaseKind === "embedded" ? "embedded PGlite in the data folder" : "PostgreSQL server"})
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.users > 1 ? "ok" : "neutral"}>{setup.users > 1 ? "done" : "next"}</Badge>
            {isAdmin ? (
              <Link href="/settings/users" className="text-brand hover:underline">
                Invite your team (operators run remediation, viewers watch)
              </Link>
            ) : (
              "Your admin invites operators and viewers"
            )}
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={issues.total > 0 ? "ok" : "neutral"}>{issues.total > 0 ? "done" : "next"}</Badge>
            Connect Sentry: paste <code className="font-mono text-xs">{webhookUrl}</code> as the integration&apos;s webhook URL
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.rules > 0 ? "ok" : "neutral"}>{setup.rules > 0 ? "done" : "next"}</Badge>
            <Link href="/rules" className="text-brand hover:underline">
              Review the remediation rules
            </Link>
          </li>
          <li className="flex items-center gap-2">
            <Badge tone={setup.apiTokens > 0 ? "ok" : "neutral"}>{setup.apiTokens > 0 ? "done" : "optional"}</Badge>
            {isAdmin ? (
              <Link href="/settings/tokens" className="text-brand hover:underline">
                Create an API token for automation
              </Link>
            ) : (
              "API tokens for automation are created by admins"
            )}
          </li>
        </ol>
      </section>
    </div>
  );
}
