import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import * as Sentry from "@/lib/telemetry";
import { WakeSignal } from "./wake-signal";
import type { AppConfig } from "@/lib/config";
import { getSql, type RemediationJob, type WorkerKind } from "@/lib/db";
import {
  BUILT_IN_SCRIPTS,
  JOBS_CHANNEL,
  announceJobsLocally,
  claimJobs,
  onLocalJobAnnouncement,
  reapExpiredLeases,
  recordJobOutcome,
  renewLeases,
  settleBackgroundTasks,
  startJobRun,
  systemClock,
  type JobStatus,
  type QueueSettings,
  type RunningJob,
  type ScriptRegistry,
  type Tier,
} from "@/lib/jobs";
import type { SentryClient } from "@/lib/sentry";
import { drainOutbox, OUTBOX_CHANNEL, type DrainResult } from "@/lib/outbox";
import { listenForNotifications } from "./listen";
import { OutboxDrainer, outboxConsumers } from "./outbox-drainer";
import { markWorkerStopped, registerWorker, touchWorker } from "./registration";
import { monitorWorkerPass } from "@/lib/monitors";
import { runTickTasks, tickTasksFailed } from "./tick-tasks";

export interface JobWorkerOptions {
  kind: WorkerKind;
  /** The worker's row in /workers; default: kind, host and pid. */
  id?: string;
  tiers: Tier[];
  concurrency: number;
  pollIntervalMs: number;
  settings: QueueSettings;
  config: AppConfig;
  scripts?: ScriptRegistry;
  sentry?: SentryClient;
  /** LISTEN for new jobs on this PostgreSQL URL (standalone workers). */
  listenUrl?: string;
  /**
   * While started, run a pass this often: the tick tasks (Sentry polling, monitors, health
   * checks), wrapped in check-ins to the tier monitors; slotted tasks run only when this pass
   * gets their slot. The cron tick runs its own passes.
   */
  tickTasksEveryMs?: number;
  log?: (message: string) => void;
}

export interface DrainSummary {
  claimed: number;
  finished: Partial<Record<JobStatus, number>>;
  /** Jobs handed to an outside runner (they finish by callback). */
  awaitingCallback: number;
  reaped: number;
  stoppedAtBudget: number;
  /** Outbox events handled in the pass (rules, alerts, the loop): before the jobs, so jobs the rules submit run in it. */
  outbox: DrainResult;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker: claims jobs within its concurrency, runs them, renews their leases, reaps expired
 * leases, and wakes at once on new jobs (LISTEN/NOTIFY, or in-process announcements), polling
 * as a fallback. `start()` runs until `stop()` (standalone and embedded workers); `drain()`
 * runs until the queue is empty or a deadline passes (the cron tick).
 */
export class JobWorker {
  readonly id: string;
  /** The lease owner written on claimed jobs: unique per worker run, so two runs never share leases. */
  readonly leaseOwner: string;
  private readonly running = new Map<string, RunningJob>();
  private readonly finishedStatuses: Partial<Record<JobStatus, number>> = {};
  private stopping = false;
  private readonly signal = new WakeSignal();
  private timers: NodeJS.Timeout[] = [];
  private cleanups: (() => unknown)[] = [];
  private processedSinceTouch = 0;
  private lastRenewedAt = Date.now();
  private loopDone: Promise<void> | null = null;
  private awaitingCallback = 0;
  private stoppedAtBudget = 0;
  private readonly log: (message: string) => void;
  private outboxDrainer: OutboxDrainer | null = null;

  constructor(private readonly options: JobWorkerOptions) {
    this.id = options.id ?? `${options.kind}:${hostname()}:${process.pid}`;
    this.leaseOwner = `${this.id}:${randomBytes(4).toString("hex")}`;
    this.log = options.log ?? ((message) => console.log(`[worker ${this.id}] ${message}`));
  }

  private get clock() {
    return this.options.settings.clock ?? systemClock;
  }

  get activeJobs(): number {
    return this.running.size;
  }

  /** Runs until stop(). */
  async start(): Promise<void> {
    await registerWorker({ id: this.id, kind: this.options.kind, tiers: this.options.tiers }, this.clock.now());
    this.outboxDrainer = new OutboxDrainer({
      owner: this.leaseOwner,
      consumers: this.outboxConsumers(),
      pollIntervalMs: this.options.pollIntervalMs,
      leaseMs: this.options.config.jobs.outboxLeaseSeconds * 1000,
      log: this.log,
    });
    this.outboxDrainer.start();
    this.startBackgroundDuties();
    this.loopDone = this.loop();
  }

  /**
   * Stops claiming, lets running jobs finish for up to `graceMs`, then gives the rest back to
   * the queue (attempt refunded) so another worker picks them up at once.
   */
  async stop(graceMs = 25_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.wake();
    await Promise.all([this.loopDone, this.outboxDrainer?.stop()]);
    const all = [...this.running.values()];
    const finished = Promise.allSettled(all.map((run) => run.finished));
    const timedOut = await Promise.race([finished.then(() => false), sleep(graceMs).then(() => true)]);
    if (timedOut) {
      for (const run of this.running.values()) run.stop("released");
      await finished;
    }
    this.stopBackgroundDuties();
    await settleBackgroundTasks();
    await markWorkerStopped(this.id, this.clock.now(), this.takeProcessed()).catch((error: unknown) => this.log(`Could not record the stop: ${String(error)}`));
  }

  /**
   * Handles the outbox, then claims and runs jobs until none is left to claim or `deadlineAt`
   * (epoch ms) comes, then handles what the jobs' ends announced.
   */
  async drain(deadlineAt: number): Promise<DrainSummary> {
    await registerWorker({ id: this.id, kind: this.options.kind, tiers: this.options.tiers }, this.clock.now());
    this.startBackgroundDuties({ listen: false });
    const reaped = await this.reap();
    const outbox = await this.drainOutboxOnce(deadlineAt);
    let claimed = 0;
    try {
      // Leave a second to record the last ends before the function's limit.
      while (Date.now() < deadlineAt - 1000) {
        const jobs = await this.claim(deadlineAt);
        claimed += jobs.length;
        if (jobs.length === 0) {
          if (this.running.size === 0) break;
          await this.signal.wait(250);
        }
      }
      await Promise.allSettled([...this.running.values()].map((run) => run.finished));
    } finally {
      this.stopBackgroundDuties();
      await touchWorker(this.id, this.clock.now(), 0, this.takeProcessed()).catch(() => {});
    }
    const after = await this.drainOutboxOnce(deadlineAt);
    for (const key of ["handled", "retried", "dead"] as const) outbox[key] += after[key];
    return { claimed, finished: { ...this.finishedStatuses }, awaitingCallback: this.awaitingCallback, reaped, stoppedAtBudget: this.stoppedAtBudget, outbox };
  }

  private outboxConsumers() {
    return outboxConsumers({ clock: this.options.settings.clock, scripts: this.options.scripts, alerts: { config: this.options.config } });
  }

  private async drainOutboxOnce(deadlineAt: number): Promise<DrainResult> {
    try {
      return await drainOutbox({ consumers: this.outboxConsumers(), owner: this.leaseOwner, deadlineAt: deadlineAt - 1000, leaseMs: this.options.config.jobs.outboxLeaseSeconds * 1000 });
    } catch (error) {
      this.log(`Draining the outbox failed: ${error instanceof Error ? error.message : String(error)}`);
      Sentry.captureException(error, { tags: { worker: this.id, stage: "outbox.drain" } });
      return { handled: 0, retried: 0, dead: 0 };
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      // Refill in batches while busy (half the slots at a time): claiming for every single
      // finished job would be one claim round trip per job. An idle worker claims at once.
      const worthClaiming = free > 0 && (this.running.size === 0 || free >= Math.ceil(this.options.concurrency / 2));
      try {
        const jobs = worthClaiming ? await this.claim() : [];
        failures = 0;
        if (free > 0 && jobs.length === free) continue;
      } catch (error) {
        failures += 1;
        this.log(`Claiming failed (${error instanceof Error ? error.message : String(error)}); retrying.`);
        Sentry.captureException(error, { tags: { worker: this.id, stage: "claim" } });
        await this.signal.wait(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
        continue;
      }
      await this.signal.wait(this.options.pollIntervalMs);
    }
  }

  private async claim(deadlineAt?: number): Promise<RemediationJob[]> {
    const free = this.options.concurrency - this.running.size;
    if (free <= 0) return [];
    const jobs = await claimJobs({ workerId: this.leaseOwner, capacity: free, tiers: this.options.tiers }, this.options.settings);
    for (const job of jobs) this.launch(job, deadlineAt);
    return jobs;
  }

  private launch(job: RemediationJob, deadlineAt?: number): void {
    const run = startJobRun(job, {
      workerId: this.leaseOwner,
      settings: this.options.settings,
      scripts: this.options.scripts ?? BUILT_IN_SCRIPTS,
      config: this.options.config,
      sentry: this.options.sentry,
      deadline: deadlineAt,
    });
    this.running.set(job.id, run);
    run.finished
      .then((stored) => {
        if (!stored) return;
        if (stored.status === "running" && stored.awaitingCallback) this.awaitingCallback += 1;
        else this.finishedStatuses[stored.status] = (this.finishedStatuses[stored.status] ?? 0) + 1;
        if (stored.error?.includes("CRON_TICK_BUDGET_SECONDS")) this.stoppedAtBudget += 1;
      })
      .catch((error: unknown) => {
        this.log(`Job ${job.id} could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
        Sentry.captureException(error, { tags: { jobId: job.id, worker: this.id, stage: "finish" } });
      })
      .finally(() => {
        this.running.delete(job.id);
        this.processedSinceTouch += 1;
        this.wake();
      });
  }

  private wake(): void {
    this.signal.wake();
  }


  private startBackgroundDuties(options: { listen?: boolean } = {}): void {
    const leaseMs = this.options.settings.leaseSeconds * 1000;
    this.lastRenewedAt = Date.now();
    this.timers.push(setInterval(() => void this.heartbeat(), Math.max(200, leaseMs / 3)));
    this.timers.push(setInterval(() => void this.reap(), Math.max(500, leaseMs)));
    if (this.options.tickTasksEveryMs && options.listen !== false) {
      const every = this.options.tickTasksEveryMs;
      this.timers.push(setTimeout(() => void this.runPass(every), 0));
      this.timers.push(setInterval(() => void this.runPass(every), every));
    }
    for (const timer of this.timers) timer.unref?.();
    const tiers = new Set<string>(this.options.tiers);
    const onJob = (tier: string) => {
      if (!tier || tiers.has(tier)) this.wake();
    };
    this.cleanups.push(onLocalJobAnnouncement(onJob));
    if (options.listen !== false && this.options.listenUrl) {
      const listener = listenForNotifications(
        this.options.listenUrl,
        [JOBS_CHANNEL, OUTBOX_CHANNEL],
        (channel, payload) => (channel === OUTBOX_CHANNEL ? this.outboxDrainer?.wake() : onJob(payload)),
        this.log,
      );
      this.cleanups.push(() => listener.close());
    }
  }

  private stopBackgroundDuties(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    for (const cleanup of this.cleanups.splice(0)) void cleanup();
  }

  private takeProcessed(): number {
    const processed = this.processedSinceTouch;
    this.processedSinceTouch = 0;
    return processed;
  }

  /**
   * Renews the leases of running jobs and applies cancel requests. If renewing keeps failing
   * until the leases may have run out, the jobs are stopped here: by then the reaper may have
   * given them to another worker, and a job must never run twice at once.
   */
  private passRunning = false;

  /** One monitored pass; a pass still running when the next is due makes that one skip. */
  private async runPass(everyMs: number): Promise<void> {
    if (this.passRunning || this.stopping || this.options.kind === "cron") return;
    this.passRunning = true;
    try {
      await monitorWorkerPass(
        { kind: this.options.kind, workerId: this.id, tiers: this.options.tiers, config: this.options.config },
        () => runTickTasks({ deadlineAt: Date.now() + everyMs * 0.8, clock: this.clock, config: this.options.config, runner: this.id }),
        { isFailure: tickTasksFailed },
      );
    } catch (error) {
      this.log(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.passRunning = false;
    }
  }

  private async heartbeat(): Promise<void> {
    const ids = [...this.running.keys()];
    try {
      const result = await renewLeases(this.leaseOwner, ids, this.options.settings);
      this.lastRenewedAt = Date.now();
      for (const id of result.lost) this.running.get(id)?.stop("lease_lost");
      for (const id of result.cancelRequested) this.running.get(id)?.stop("cancelled");
      await touchWorker(this.id, this.clock.now(), this.running.size, this.takeProcessed());
    } catch (error) {
      const leaseMs = this.options.settings.leaseSeconds * 1000;
      this.log(`Lease renewal failed: ${error instanceof Error ? error.message : String(error)}`);
      if (Date.now() - this.lastRenewedAt > leaseMs * 0.8) for (const run of this.running.values()) run.stop("lease_lost");
    }
  }

  private async reap(): Promise<number> {
    try {
      const reaped = await reapExpiredLeases(this.options.settings);
      for (const job of reaped) {
        if (job.status === "queued") {
          announceJobsLocally("");
          continue;
        }
        const sql = await getSql();
        const [stored] = await sql.query<RemediationJob>(`SELECT * FROM "RemediationJob" WHERE "id" = $1`, [job.id]);
        if (stored) await recordJobOutcome(stored);
      }
      if (reaped.length) this.log(`Reaped ${reaped.length} job(s) whose lease expired.`);
      return reaped.length;
    } catch (error) {
      this.log(`Reaping failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }
}
