import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { getOverviewSummary } from "@/lib/metrics";

export const metadata = { title: "Health" };

export default async function HealthPage() {
  await requirePageRole("viewer");
  const summary = await getOverviewSummary();
  return (
    <>
      <PageHeader title="Health" description="Infrastructure checks: HTTP endpoints, TCP ports, Redis and PostgreSQL." />
      <EmptyState title={summary.infrastructure.checks === 0 ? "No health checks yet" : `${summary.infrastructure.checks} checks configured`}>
        <p>Add a check for each dependency remediation relies on — the API behind a restart hook, the database, the cache — so a down dependency is visible before a job fails on it.</p>
      </EmptyState>
    </>
  );
}
