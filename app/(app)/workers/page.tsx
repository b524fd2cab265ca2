import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { countSection } from "@/lib/metrics";

export const metadata = { title: "Workers" };

export default async function WorkersPage() {
  await requirePageRole("viewer");
  const count = await countSection("workers");
  return (
    <>
      <PageHeader title="Workers" description="Batch workers and the cron monitors that prove they are alive." />
      <EmptyState title={count === 0 ? "No worker has reported yet" : `${count} workers seen in the last 24 hours`}>
        <p>On Vercel the cron route <code className="font-mono text-xs">/api/cron/tick</code> runs every minute; self-hosted, start <code className="font-mono text-xs">npm run worker</code> on one or more hosts.</p>
        <p>Each pass sends a Sentry Cron check-in and is recorded here with uptime, missed runs and timeouts.</p>
      </EmptyState>
    </>
  );
}
