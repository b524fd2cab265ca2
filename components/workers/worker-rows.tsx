import { RelativeTime } from "@/components/issues/relative-time";
import { TierBadge } from "@/components/jobs/job-badges";
import { Badge } from "@/components/ui/badge";
import { Cell } from "@/components/ui/table";
import type { GoneWorkers, WorkerView } from "@/lib/worker";

const KIND_LABEL = { cron: "Vercel cron tick", standalone: "Standalone (npm run worker)", embedded: "In the app server" } as const;
/** How a line of folded workers names where they ran: "12 stopped workers <in the app server>". */
const KIND_PLACE = { cron: "of the Vercel cron tick", standalone: "from npm run worker", embedded: "in the app server" } as const;
const STATE_TONE = { active: "ok", stale: "warn", stopped: "neutral" } as const;

export const WORKER_TABLE_HEAD = ["Worker", "State", "Tiers", "Running", "Processed", "Throughput", "Last seen", "Version"];

export function WorkerRow({ worker, serverNow }: { worker: WorkerView; serverNow: number }) {
  return (
    <tr data-testid="worker-row">
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
  );
}

/** One line for a kind's workers gone for more than a day, with the jobs they ran summed. */
export function GoneWorkersRow({ gone, serverNow }: { gone: GoneWorkers; serverNow: number }) {
  return (
    <tr data-testid="gone-workers-row">
      <Cell className="text-muted">
        <p>
          {gone.count.toLocaleString("en-US")} stopped {gone.count === 1 ? "worker" : "workers"} {KIND_PLACE[gone.kind]}
        </p>
        {gone.withoutStop > 0 && <p className="text-xs">{gone.withoutStop.toLocaleString("en-US")} of them vanished without recording a stop</p>}
      </Cell>
      <Cell>
        <Badge tone={STATE_TONE.stopped}>stopped</Badge>
      </Cell>
      <Cell>{null}</Cell>
      <Cell className="text-muted">—</Cell>
      <Cell className="tabular-nums text-muted">{gone.jobsProcessed.toLocaleString("en-US")}</Cell>
      <Cell className="text-muted">—</Cell>
      <Cell className="whitespace-nowrap text-muted">
        <RelativeTime iso={gone.lastSeenAt} serverNow={serverNow} />
      </Cell>
      <Cell>{null}</Cell>
    </tr>
  );
}
