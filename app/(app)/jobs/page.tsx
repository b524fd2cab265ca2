import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { getOverviewSummary } from "@/lib/metrics";

export const metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageRole("viewer");
  const summary = await getOverviewSummary();
  return (
    <>
      <PageHeader title="Jobs" description="Batch remediation jobs: queued, awaiting approval, running and finished, with their logs." />
      <EmptyState title={summary.jobs.total === 0 ? "No remediation jobs yet" : `${summary.jobs.total} jobs recorded`}>
        <p>Jobs are submitted by remediation rules when Sentry reports a matching issue, by the “Run remediation” button on an issue, and by <code className="font-mono text-xs">POST /api/jobs</code> with an API token.</p>
        <p>Workers claim them: the Vercel cron tick every minute, or <code className="font-mono text-xs">npm run worker</code> when self-hosted.</p>
      </EmptyState>
    </>
  );
}
