import { getSql } from "@/lib/db";
import { getOutboxStatus, type ConsumerBacklog } from "@/lib/outbox";
import { announce } from "./events";

/** Pure: the consumers whose oldest unhandled event waited longer than the threshold. */
export function stuckConsumers(backlog: ConsumerBacklog[], thresholdMs: number): ConsumerBacklog[] {
  return backlog.filter((consumer) => consumer.oldestPendingAgeMs !== null && consumer.oldestPendingAgeMs > thresholdMs);
}

const groupKey = (consumer: string) => `outbox:${consumer}`;

/**
 * A consumer of the automation pipeline that stopped keeping up (every worker down, a handling
 * that keeps failing and holds its stream) is itself an incident: `outbox.stuck`, raised once
 * per episode and resolved by `outbox.recovered` when it catches up.
 */
export async function watchOutboxLag(now: Date, thresholdMinutes: number): Promise<{ stuck: string[]; raised: string[]; recovered: number }> {
  const { consumers } = await getOutboxStatus(now);
  const stuck = stuckConsumers(consumers, thresholdMinutes * 60_000);
  const sql = await getSql();
  const raised: string[] = [];
  let recovered = 0;
  for (const consumer of consumers) {
    const [last] = await sql.query<{ resolves: boolean }>(`SELECT "resolves" FROM "AlertEvent" WHERE "groupKey" = $1 ORDER BY "createdAt" DESC LIMIT 1`, [groupKey(consumer.consumer)]);
    const open = last !== undefined && !last.resolves;
    const isStuck = stuck.includes(consumer);
    if (isStuck && !open) {
      const minutes = Math.round(consumer.oldestPendingAgeMs! / 60_000);
      await announce({
        type: "outbox.stuck",
        groupKey: groupKey(consumer.consumer),
        severity: "error",
        tier: null,
        title: `Automation is falling behind: ${consumer.consumer} has ${consumer.pending} change(s) waiting, the oldest for ${minutes} min`,
        data: { consumer: consumer.consumer, pending: consumer.pending, oldestPendingMinutes: minutes, dead: consumer.dead },
        occurredAt: now,
      });
      raised.push(consumer.consumer);
    } else if (!isStuck && open) {
      await announce({ type: "outbox.recovered", groupKey: groupKey(consumer.consumer), severity: "info", tier: null, resolves: true, title: `Automation caught up: ${consumer.consumer}`, data: { consumer: consumer.consumer }, occurredAt: now });
      recovered += 1;
    }
  }
  return { stuck: stuck.map((consumer) => consumer.consumer), raised, recovered };
}
