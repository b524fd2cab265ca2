import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RecentIssues } from "@/components/overview/recent-issues";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { getOverviewSummary, listRecentIssues } from "@/lib/metrics";

export const metadata = { title: "Issues" };

export default async function IssuesPage() {
  await requirePageRole("viewer");
  const [summary, baseUrl] = await Promise.all([getOverviewSummary(), publicBaseUrl()]);
  return (
    <>
      <PageHeader title="Issues" description="Problems Sentry detected, kept in sync by signed webhooks and a reconciling poller." />
      {summary.issues.total === 0 ? (
        <EmptyState title="No Sentry issues yet">
          <p>
            In Sentry, open <strong>Settings → Developer Settings → Custom Integrations</strong>, create an internal integration, and set its
            webhook URL to:
          </p>
          <p>
            <code className="rounded bg-canvas px-2 py-1 font-mono text-xs text-ink">{baseUrl}/api/webhooks/sentry</code>
          </p>
          <p>Enable the issue, error and comment webhooks, then put the integration&apos;s Client Secret in SENTRY_CLIENT_SECRET.</p>
        </EmptyState>
      ) : (
        <RecentIssues issues={await listRecentIssues(50)} />
      )}
    </>
  );
}
