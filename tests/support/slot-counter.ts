import { randomUUID } from "node:crypto";
import { getSql } from "@/lib/db";
import { oncePerSlot, registerTickTask, type TickTask } from "@/lib/worker";
import { slotStartOf } from "@/lib/worker/slots";

export const SLOT_COUNTER_TASK = "test-slot-counter";
const RUN_KEY_PREFIX = "test.slot-run.";

/**
 * A slotted tick task that writes one row per run (the time it was given), so a test can count
 * how often it really ran in each slot, whichever process ran it. It takes `runMs`, so other
 * passes arrive while it runs. Its slot is a minute unless TICK_TASK_SLOT_SECONDS says otherwise.
 */
export function registerSlotCounter(runMs: number): () => void {
  const task: TickTask = {
    name: SLOT_COUNTER_TASK,
    schedule: oncePerSlot(() => 60_000),
    run: async ({ now }) => {
      await (await getSql()).execute(`INSERT INTO "AppSetting" ("key", "value", "updatedAt") VALUES ($1, $2::jsonb, $3)`, [
        `${RUN_KEY_PREFIX}${randomUUID()}`,
        JSON.stringify({ at: now.toISOString() }),
        now,
      ]);
      await new Promise((resolve) => setTimeout(resolve, runMs));
      return { ran: now.toISOString() };
    },
  };
  return registerTickTask(task);
}

/** How many times the counter ran in each slot of `slotMs`, by slot start (ISO). */
export async function slotCounterRuns(slotMs: number): Promise<Map<string, number>> {
  const rows = await (await getSql()).query<{ value: { at: string } }>(`SELECT "value" FROM "AppSetting" WHERE "key" LIKE $1`, [`${RUN_KEY_PREFIX}%`]);
  const runs = new Map<string, number>();
  for (const row of rows) {
    const slot = slotStartOf(new Date(row.value.at), slotMs).toISOString();
    runs.set(slot, (runs.get(slot) ?? 0) + 1);
  }
  return runs;
}
