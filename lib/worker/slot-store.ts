import { getSql } from "@/lib/db";
import { decideSlot, type SlotHolder } from "./slots";

/** A slot this runner holds: its writes are fenced by `attempt`. */
export interface SlotClaim {
  task: string;
  slotStart: Date;
  runner: string;
  attempt: number;
}

export type SlotClaimResult = { claimed: SlotClaim } | { skipped: string; slotStart: Date };

/**
 * Claims the current slot of `task` for `runner`, or says why not. The decision is
 * `decideSlot`'s; this applies it. The read and the write run under a transaction-level
 * advisory lock per task, so two passes at a slot boundary cannot each see the other's slot
 * as absent and run the task twice at once; the primary key (task, slot) and the attempt
 * check stay as the last guard.
 */
export async function claimSlot(task: string, slotMs: number, runner: string, now: Date, leaseMs: number): Promise<SlotClaimResult> {
  const sql = await getSql();
  return sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tick-slot:${task}`]);
    const [latest] = await tx.query<SlotHolder>(
      `SELECT "slotStart", "runner", "attempt", "leaseExpiresAt", "finishedAt" FROM "TickSlot" WHERE "task" = $1 ORDER BY "slotStart" DESC LIMIT 1`,
      [task],
    );
    const decision = decideSlot(latest ?? null, now, slotMs);
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    if (decision.action === "skip") return { skipped: decision.reason, slotStart: decision.slotStart };
    const rows =
      decision.action === "claim"
        ? await tx.query<{ attempt: number }>(
            `INSERT INTO "TickSlot" ("task", "slotStart", "runner", "attempt", "startedAt", "leaseExpiresAt") VALUES ($1, $2, $3, 1, $4, $5)
             ON CONFLICT DO NOTHING RETURNING "attempt"`,
            [task, decision.slotStart, runner, now, leaseExpiresAt],
          )
        : await tx.query<{ attempt: number }>(
            `UPDATE "TickSlot" SET "runner" = $3, "attempt" = "attempt" + 1, "startedAt" = $4, "leaseExpiresAt" = $5
              WHERE "task" = $1 AND "slotStart" = $2 AND "attempt" = $6 AND "finishedAt" IS NULL AND "leaseExpiresAt" <= $4
              RETURNING "attempt"`,
            [task, decision.slotStart, runner, now, leaseExpiresAt, decision.from.attempt],
          );
    if (rows.length === 0) return { skipped: "slot taken by another runner", slotStart: decision.slotStart };
    return { claimed: { task, slotStart: decision.slotStart, runner, attempt: rows[0]!.attempt } };
  });
}

/** Keeps the slot held while the task runs; false once another runner has taken it over. */
export async function renewSlotLease(claim: SlotClaim, now: Date, leaseMs: number): Promise<boolean> {
  const sql = await getSql();
  const renewed = await sql.execute(
    `UPDATE "TickSlot" SET "leaseExpiresAt" = $4 WHERE "task" = $1 AND "slotStart" = $2 AND "attempt" = $3 AND "finishedAt" IS NULL`,
    [claim.task, claim.slotStart, claim.attempt, new Date(now.getTime() + leaseMs)],
  );
  return renewed === 1;
}

/** Records how the run ended; a runner that lost the slot records nothing (false). */
export async function finishSlot(claim: SlotClaim, now: Date, error: string | null): Promise<boolean> {
  const sql = await getSql();
  const finished = await sql.execute(
    `UPDATE "TickSlot" SET "finishedAt" = $4, "outcome" = $5::"TickSlotOutcome", "error" = $6
      WHERE "task" = $1 AND "slotStart" = $2 AND "attempt" = $3 AND "finishedAt" IS NULL`,
    [claim.task, claim.slotStart, claim.attempt, now, error === null ? "succeeded" : "failed", error],
  );
  return finished === 1;
}
