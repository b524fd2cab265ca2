import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { countSection } from "@/lib/metrics";

export const metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePageRole("viewer");
  const count = await countSection("jobs");
  return (
    <>
      <PageHeader title="Jobs" description="Batch remediation jobs: queued, awaiting approval, running and finished, with their logs." />
      <EmptyState title={count === 0 ? "No remediation jobs yet" : `${count} jobs recorded`}>
        <p>Jobs are submitted by remediation rules when Sentry reports a matching issue, by the “Run remediation” button on an issue, and by <code className="font-mono text-xs">POST /api/jobs</code> with an API token.</p>
        <p>Workers claim them: the Vercel cron tick every minute, or <code className="font-mono text-xs">npm run worker</code> when self-hosted.</p>
      </EmptyState>
    </>
  );
}
