import Link from "next/link";
import { GettingStarted } from "@/components/overview/getting-started";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { DEFAULT_RANGE, getDashboard, getOverviewSummary, isDashboardRange } from "@/lib/metrics";

export const metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageRole("viewer");
  const requested = (await searchParams).range;
  const range = isDashboardRange(requested) ? requested : DEFAULT_RANGE;
  const [dashboard, summary, baseUrl] = await Promise.all([getDashboard(range), getOverviewSummary(), publicBaseUrl()]);
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  const webhookUrl = `${baseUrl}/api/webhooks/sentry`;
  const settingUp = summary.issues.total === 0 || summary.setup.users <= 1 || summary.setup.rules === 0;
  return (
    <>
      <PageHeader
        title="Overview"
        description="Sentry issues, remediation jobs, worker health and infrastructure in one place."
        actions={
          user.role !== "viewer" ? (
            <Link href="/jobs/new" className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">
              Run remediation
            </Link>
          ) : null
        }
      />
      <OverviewDashboard key={range} initial={dashboard} webhookUrl={webhookUrl} serverNow={serverNow} />
      {settingUp && (
        <div className="mt-6">
          <GettingStarted summary={summary} webhookUrl={webhookUrl} isAdmin={user.role === "admin"} />
        </div>
      )}
    </>
  );
}
