import { AutoRefresh } from "@/components/issues/auto-refresh";
import { RelativeTime } from "@/components/issues/relative-time";
import { TierBadge } from "@/components/jobs/job-badges";
import { Badge } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RunTickButton } from "@/components/workers/run-tick-button";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { listWorkers } from "@/lib/worker";

export const metadata = { title: "Workers" };

const KIND_LABEL = { cron: "Vercel cron tick", standalone: "Standalone (npm run worker)", embedded: "In the app server" } as const;
const STATE_TONE = { active: "ok", stale: "warn", stopped: "neutral" } as const;

export default async function WorkersPage() {
  const user = await requirePageRole("viewer");
  const workers = await listWorkers();
  const config = getConfig();
  const isAdmin = hasRole(user.role, "admin");
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  const serverNow = Date.now();
  return (
    <>
      <AutoRefresh intervalMs={10_000} />
      <PageHeader
        title="Workers"
        description={`Processes that claim and run remediation jobs. Limits: prod ${config.jobs.maxRunning.prod || "∞"} at once, nonprod ${config.jobs.maxRunning.nonprod || "∞"}, ${config.jobs.maxRunningPerNamespace || "∞"} per namespace.`}
        actions={isAdmin ? <RunTickButton /> : undefined}
      />
      {workers.length === 0 ? (
        <EmptyState title="No worker has reported yet">
          <p>
            On Vercel the cron route <code className="font-mono text-xs">/api/cron/tick</code> runs every minute (set <code className="font-mono text-xs">CRON_SECRET</code>); self-hosted, start{" "}
            <code className="font-mono text-xs">npm run worker</code> on one or more hosts. With the embedded database the app runs its own worker.
          </p>
          {isAdmin && <p>You can also run one tick now with the button above.</p>}
        </EmptyState>
      ) : (
        <Table caption="Workers" head={["Worker", "State", "Tiers", "Running", "Processed", "Throughput", "Last seen", "Version"]}>
          {workers.map((worker) => (
            <tr key={worker.id} data-testid="worker-row">
              <Cell>
                <p className="font-medium">{KIND_LABEL[worker.kind]}</p>
                <p className="font-mono text-xs text-muted">
                  {worker.host}
                  {worker.pid ? ` · pid ${worker.pid}` : ""}
                </p>
              </Cell>
              <Cell>
                <Badge tone={STATE_TONE[worker.state]}>{worker.state}</Badge>
              </Cell>
              <Cell>
                <span className="flex gap-1">
                  {worker.tiers.map((tier) => (
                    <TierBadge key={tier} tier={tier} />
                  ))}
                </span>
              </Cell>
              <Cell className="tabular-nums">{worker.runningJobs}</Cell>
              <Cell className="tabular-nums">{worker.jobsProcessed.toLocaleString("en-US")}</Cell>
              <Cell className="tabular-nums text-muted">{worker.throughputPerHour}/h</Cell>
              <Cell className="whitespace-nowrap text-muted">
                <RelativeTime iso={worker.lastSeenAt} serverNow={serverNow} />
              </Cell>
              <Cell className="font-mono text-xs text-muted">{worker.version}</Cell>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
