import { createHash } from "node:crypto";
import { ZodError } from "zod";
import * as Sentry from "@/lib/telemetry";
import type { AppConfig } from "@/lib/config";
import { getSql, type RemediationJob } from "@/lib/db";
import { createSentryClient, SentryApiError, type SentryClient } from "@/lib/sentry";
import { fitLogLines, type JobLogInput } from "./log-cap";
import { jobCallbackUrl, jobPageUrl } from "./links";
import { systemClock } from "./model";
import { recordJobOutcome } from "./outcome";
import { finishRun, newCallbackToken, writeJobLogLines, type QueueSettings, type RunEnd } from "./queue";
import { ScriptFailure, type ScriptIssue, type ScriptOutcome } from "./scripts";
import type { ScriptRegistry } from "./scripts";
import { submitJob } from "./submit";

/** Why a worker stopped a job before its script returned. */
export type StopReason = "cancelled" | "timed_out" | "lease_lost" | "released" | "budget";

export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(
      {
        cancelled: "Cancelled by an operator.",
        timed_out: "The job ran past its timeout.",
        lease_lost: "The worker lost its lease on the job.",
        released: "The worker stopped before the job finished.",
        budget: "The job ran past the cron tick's time budget (CRON_TICK_BUDGET_SECONDS). Long work belongs in a GitHub workflow or a standalone worker.",
      }[reason],
    );
    this.name = "JobStopped";
  }
}

export interface RunnerDeps {
  workerId: string;
  settings: QueueSettings;
  scripts: ScriptRegistry;
  config: AppConfig;
  sentry?: SentryClient;
  /** No run goes past this instant (a cron tick's budget), in epoch ms. */
  deadline?: number;
}

/** Pure: how a thrown error ends the run. */
export function runEndFor(error: unknown): RunEnd {
  if (error instanceof JobStopped) {
    switch (error.reason) {
      case "cancelled":
        return { kind: "cancelled", error: error.message };
      case "released":
        return { kind: "released" };
      case "lease_lost":
        return { kind: "failed", error: error.message, retryable: true };
      default:
        return { kind: "timed_out", error: error.message };
    }
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { kind: "failed", error: `Unexpected data: ${issue?.path.join(".") || "value"} ${issue?.message ?? "is invalid"}`, retryable: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ScriptFailure) return { kind: "failed", error: message, retryable: error.retryable };
  if (error instanceof SentryApiError) return { kind: "failed", error: message, retryable: error.failure === "rate_limited" || error.failure === "unavailable" };
  return { kind: "failed", error: message, retryable: true };
}

async function loadIssue(issueId: string | null): Promise<ScriptIssue | null> {
  if (!issueId) return null;
  const sql = await getSql();
  const [row] = await sql.query<ScriptIssue & { count: string | number }>(
    `SELECT "id", "sentryId", "shortId", "title", "culprit", "level", "status", "environment", "projectSlug", "permalink", "count"::text AS "count",
       "userCount", "firstSeen", "lastSeen", "metadata" FROM "Issue" WHERE "id" = $1`,
    [issueId],
  );
  return row ? { ...row, count: String(row.count) } : null;
}

export interface RunningJob {
  job: RemediationJob;
  stop(reason: StopReason): void;
  /** The job as stored after the run (null if the lease was lost before it could be written). */
  finished: Promise<RemediationJob | null>;
}

/**
 * Runs one claimed job: inside a Sentry span (op `batch.job`), with its logs buffered to the
 * database, a timeout, and an abort signal the worker trips on cancel, lease loss or shutdown.
 * Failures are reported to Sentry with the job's tags; the end is recorded through the fenced
 * finishRun.
 */
export function startJobRun(job: RemediationJob, deps: RunnerDeps): RunningJob {
  const controller = new AbortController();
  const stop = (reason: StopReason) => {
    if (!controller.signal.aborted) controller.abort(new JobStopped(reason));
  };
  return { job, stop, finished: runJob(job, deps, controller, stop) };
}

async function runJob(job: RemediationJob, deps: RunnerDeps, controller: AbortController, stop: (reason: StopReason) => void): Promise<RemediationJob | null> {
  const clock = deps.settings.clock ?? systemClock;
  // The run is the job's only log writer, so it keeps the byte count itself; flushes are
  // chained so they never overlap, and the last lines go out with finishRun.
  const buffered: JobLogInput[] = [];
  let logBytes = job.logBytes;
  let flushing: Promise<void> = Promise.resolve();
  const takeFitted = () => {
    const fitted = fitLogLines(buffered.splice(0, buffered.length), logBytes, deps.settings.logMaxBytes);
    logBytes = fitted.bytes;
    return fitted;
  };
  const flush = () => {
    flushing = flushing.then(async () => {
      if (buffered.length === 0) return;
      const { keep, bytes } = takeFitted();
      await writeJobLogLines(job.id, keep, bytes, deps.settings).catch((error: unknown) => console.error(`Could not write logs of job ${job.id}`, error));
    });
    return flushing;
  };
  const flushTimer = setInterval(() => void flush(), 1000);
  flushTimer.unref?.();
  const log = (level: JobLogInput["level"]) => (message: string, data?: unknown) => buffered.push({ level, message: String(message).slice(0, 10_000), data });

  const timeoutMs = job.timeoutSeconds * 1000;
  const budgetMs = deps.deadline === undefined ? Infinity : deps.deadline - clock.now().getTime();
  const timer = setTimeout(() => stop(budgetMs < timeoutMs ? "budget" : "timed_out"), Math.max(0, Math.min(timeoutMs, budgetMs)));
  timer.unref?.();

  const attributes = {
    tier: job.tier,
    namespace: job.namespace,
    class: job.priorityClass,
    jobId: job.id,
    script: job.script,
    attempt: job.attempts,
    // What Sentry's Queues view reads: the queue, the message, its retries and how long it waited.
    "messaging.system": "postgresql",
    "messaging.destination.name": `remediation_jobs.${job.tier}`,
    "messaging.message.id": job.id,
    "messaging.message.retry.count": Math.max(0, job.attempts - 1),
    "messaging.message.receive.latency": Math.max(0, (job.startedAt ?? clock.now()).getTime() - job.createdAt.getTime()),
  };
  let end: RunEnd;
  try {
    // The run continues the trace the job was submitted in (the webhook → rule → job chain).
    end = await Sentry.continueTrace({ sentryTrace: job.sentryTrace ?? undefined, baggage: job.baggage ?? undefined }, () => Sentry.startSpan({ op: "batch.job", name: `Batch Job: ${job.script}`, attributes, forceTransaction: true }, async (span) => {
      if (Sentry.getClient()) {
        const traceId = span.spanContext().traceId;
        const sql = await getSql();
        await sql.query(`UPDATE "RemediationJob" SET "traceId" = $2 WHERE "id" = $1`, [job.id, traceId]);
      }
      try {
        const outcome = await executeScript(job, deps, controller.signal, { info: log("info"), warn: log("warn"), error: log("error") });
        if (controller.signal.aborted) throw controller.signal.reason;
        if (outcome.kind === "await_callback") {
          const startedAt = job.startedAt ?? clock.now();
          return { kind: "await_callback", output: outcome.output, deadline: new Date(Math.max(startedAt.getTime() + timeoutMs, clock.now().getTime() + 1000)) } satisfies RunEnd;
        }
        return { kind: "succeeded", output: outcome.output } satisfies RunEnd;
      } catch (error) {
        const thrown = controller.signal.aborted ? controller.signal.reason : error;
        const runEnd = runEndFor(thrown);
        if (runEnd.kind === "failed" || runEnd.kind === "timed_out") {
          span.setStatus({ code: 2, message: runEnd.kind === "timed_out" ? "deadline_exceeded" : "internal_error" });
          Sentry.captureException(thrown, {
            tags: { jobId: job.id, script: job.script, tier: job.tier, namespace: job.namespace, priorityClass: job.priorityClass },
            contexts: { job: { id: job.id, script: job.script, tier: job.tier, namespace: job.namespace, class: job.priorityClass, attempt: job.attempts, maxAttempts: job.maxAttempts, issueId: job.issueId, source: job.source } },
          });
          buffered.push({ level: "error", message: runEnd.error });
        }
        return runEnd;
      }
    }));
  } finally {
    clearTimeout(timer);
    clearInterval(flushTimer);
  }
  await flushing;
  const last = takeFitted();
  const stored = await finishRun(job, deps.workerId, end, deps.settings, { lines: last.keep, bytes: last.bytes });
  if (!stored) {
    console.warn(`Job ${job.id}: the lease was lost before the run's end could be recorded; its new owner decides.`);
    return null;
  }
  await recordJobOutcome(stored);
  return stored;
}

async function executeScript(job: RemediationJob, deps: RunnerDeps, signal: AbortSignal, log: { info: (m: string, d?: unknown) => void; warn: (m: string, d?: unknown) => void; error: (m: string, d?: unknown) => void }): Promise<ScriptOutcome> {
  const script = deps.scripts.get(job.script);
  if (!script) throw new ScriptFailure(`Unknown script "${job.script}": it was removed after the job was submitted.`, false);
  const configured = script.configured(deps.config);
  if (!configured.ok) throw new ScriptFailure(`${script.name} is not configured: ${configured.reason}`, false);
  const args = script.argsSchema.safeParse(job.args ?? {});
  if (!args.success) throw new ScriptFailure(`The job's args no longer match ${script.name}'s schema: ${args.error.issues[0]?.path.join(".")} ${args.error.issues[0]?.message}`, false);
  const issue = await loadIssue(job.issueId);
  if (script.needsIssue && !issue) throw new ScriptFailure(`${script.name} needs the job's Sentry issue, which no longer exists.`, false);

  let callback: { url: string; token: string } | undefined;
  if (script.usesCallback) {
    const token = newCallbackToken();
    const sql = await getSql();
    await sql.query(`UPDATE "RemediationJob" SET "callbackTokenHash" = $3 WHERE "id" = $1 AND "leaseOwner" = $2`, [job.id, deps.workerId, createHash("sha256").update(token).digest("hex")]);
    callback = { url: jobCallbackUrl(deps.config, job.id), token };
  }
  const run = script.run({
    job: { id: job.id, tier: job.tier, namespace: job.namespace, priorityClass: job.priorityClass, attempt: job.attempts, maxAttempts: job.maxAttempts, metadata: job.metadata },
    args: args.data,
    issue,
    log,
    signal,
    idempotencyKey: job.id,
    config: deps.config,
    sentry: deps.sentry ?? createSentryClient(deps.config.sentryIntegration),
    callback,
    jobUrl: jobPageUrl(deps.config, job.id),
    submitFollowUp: async (followUp) => {
      const { job: submitted } = await submitJob(
        { ...followUp, issueId: job.issueId ?? undefined, namespace: followUp.namespace ?? job.namespace },
        { actor: { type: "system", label: `job:${job.id}` }, role: "system", source: "follow_up", parentJobId: job.id, ruleId: job.ruleId ?? undefined },
        { scripts: deps.scripts },
      );
      return { id: submitted.id };
    },
  });
  // A script that ignores its signal must not hold the worker: the abort wins the race.
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  return Promise.race([run, aborted]);
}
