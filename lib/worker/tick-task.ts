import type { AppConfig } from "@/lib/config";

export interface TickTaskContext {
  /** Epoch ms by which the task should have returned: what is left of the pass's budget. */
  deadlineAt: number;
  now: Date;
  config: AppConfig;
}

/**
 * How often a task runs across every worker and the cron tick together.
 * - `every-pass`: each pass of each worker runs it. Only for tasks whose concurrent runs are
 *   harmless (they claim due rows with `FOR UPDATE SKIP LOCKED`, so passes split the work);
 *   `harmlessBecause` says why, where the task is declared.
 * - `once-per-slot`: time is cut into slots of `slotMs` (aligned to the epoch, so every host
 *   agrees on them); the first pass to claim a slot runs the task, every other pass skips it
 *   (lib/worker/slots.ts decides, slot-store.ts records).
 */
export type TickSchedule =
  | { kind: "every-pass"; harmlessBecause: string }
  | { kind: "once-per-slot"; slotMs: (config: AppConfig) => number };

/**
 * The tick's one extension point (`registerTickTask`): each task runs after jobs, within what
 * is left of the pass's budget, on the schedule it declares. A failing task is reported and
 * does not stop the others or the jobs.
 */
export interface TickTask {
  name: string;
  schedule: TickSchedule;
  run(context: TickTaskContext): Promise<unknown>;
}

export const everyPass = (harmlessBecause: string): TickSchedule => ({ kind: "every-pass", harmlessBecause });

export const oncePerSlot = (slotMs: (config: AppConfig) => number): TickSchedule => ({ kind: "once-per-slot", slotMs });

export const MINUTE_MS = 60_000;
