import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { countSection } from "@/lib/metrics";

export const metadata = { title: "Health" };

export default async function HealthPage() {
  await requirePageRole("viewer");
  const count = await countSection("health");
  return (
    <>
      <PageHeader title="Health" description="Infrastructure checks: HTTP endpoints, TCP ports, Redis and PostgreSQL." />
      <EmptyState title={count === 0 ? "No health checks yet" : `${count} checks configured`}>
        <p>Add a check for each dependency remediation relies on — the API behind a restart hook, the database, the cache — so a down dependency is visible before a job fails on it.</p>
      </EmptyState>
    </>
  );
}
