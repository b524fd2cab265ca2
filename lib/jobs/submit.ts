import { announce } from "@/lib/alerts";
import * as Sentry from "@/lib/telemetry";
import { jobAlert } from "./alerts";
import { auditStatement } from "@/lib/audit";
import { actorOf, hasRole, type Actor, type Principal, type Role } from "@/lib/auth";
import { foldStatements, getSql, newId, NotifyDebouncer, type RemediationJob, type SqlRunner } from "@/lib/db";
import { Forbidden, ValidationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/http";
import { systemClock, type Clock, type JobSource } from "./model";
import { announceJobsLocally, JOBS_CHANNEL } from "./notify";
import { runInBackground } from "./background";
import { BUILT_IN_SCRIPTS, type ScriptRegistry } from "./scripts";
import { submitJobInput, type SubmitJobInput } from "./inputs";
import { notifySentryOfJob } from "./sentry-notify";

/** Who is submitting, and through what. Rules and follow-ups submit as the system. */
export interface Submitter {
  actor: Actor;
  role: Role | "system";
  source: JobSource;
  ruleId?: string;
  parentJobId?: string;
  /**
   * Automated submitters (a rule handling an outbox event) name the submission: a retry of the
   * same handling then finds the job the first try made (a unique key) instead of adding one.
   */
  idempotencyKey?: string;
}

/** A person submits manually; an API token submits as `api`. */
export function submitterFor(principal: Principal, ip?: string): Submitter {
  return { actor: actorOf(principal, ip), role: principal.role, source: principal.kind === "api_token" ? "api" : "manual" };
}

export interface SubmitDeps {
  scripts?: ScriptRegistry;
  clock?: Clock;
  /** Post "job submitted" on the Sentry issue (default true). */
  commentOnIssue?: boolean;
}

export interface SubmittedJob {
  job: RemediationJob;
  /** True when the dedupe key matched an active job, which is returned instead. */
  deduplicated: boolean;
}

const JOB_COLUMNS = `"id", "tier", "namespace", "priorityClass", "script", "args", "metadata", "source", "issueId", "ruleId", "parentJobId",
  "submittedByType", "submittedById", "submittedByLabel", "dedupeKey", "status", "maxAttempts", "runAfter", "timeoutSeconds",
  "requiresApproval", "resolveIssueOnSuccess", "idempotencyKey", "sentryTrace", "baggage", "createdAt", "updatedAt"`;
const JOB_VALUES = `$1, $2::"Tier", $3, $4::"PriorityClass", $5, $6::jsonb, $7::jsonb, $8::"JobSource", $9, $10, $11,
  $12::"ActorType", $13, $14, $15, $16::"JobStatus", $17, $18, $19, $20, $21, $22, $23, $24, $18, $18`;

// Kept on globalThis so dev reloads share one window per process.
const notifier: NotifyDebouncer = ((globalThis as { __opsJobNotifier?: NotifyDebouncer }).__opsJobNotifier ??= new NotifyDebouncer(20, async () => {
  await (await getSql()).query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
}));

/** Resolves the app's issue id or Sentry's to the app's; a wrong one is the caller's mistake (422). */
async function resolveIssueId(sql: SqlRunner, issueId: string): Promise<{ id: string; title: string }> {
  const [row] = await sql.query<{ id: string; title: string }>(`SELECT "id", "title" FROM "Issue" WHERE "id" = $1 OR "sentryId" = $1 LIMIT 1`, [issueId]);
  if (!row) throw new ValidationFailed(`issueId ${issueId} is not a known issue`, "issueId");
  return row;
}

/**
 * Validates and queues one job: the script exists and allows the tier, its args pass the
 * script's schema (defaults filled in), the caller may submit, the issue exists. With a dedupe
 * key, a second active job for the key is refused and the existing one returned — checked
 * under an advisory lock on the key, so two racing submissions cannot both insert.
 */
export async function submitJob(rawInput: SubmitJobInput, submitter: Submitter, deps: SubmitDeps = {}): Promise<SubmittedJob> {
  const input = parseInput(submitJobInput, rawInput);
  const scripts = deps.scripts ?? BUILT_IN_SCRIPTS;
  const now = (deps.clock ?? systemClock).now();
  if (submitter.role !== "system" && !hasRole(submitter.role, "operator")) {
    throw new Forbidden("Submitting remediation jobs needs the operator role.");
  }
  const script = scripts.get(input.script);
  if (!script) throw new ValidationFailed(`script "${input.script}" does not exist; choose one of ${[...scripts.keys()].join(", ")}`, "script");
  if (!script.allowedTiers.includes(input.tier)) {
    throw new ValidationFailed(`tier ${input.tier} is not allowed for ${script.name} (allowed: ${script.allowedTiers.join(", ")})`, "tier");
  }
  const args = script.argsSchema.safeParse(input.args);
  if (!args.success) {
    const issue = args.error.issues[0]!;
    const field = ["args", ...issue.path.map(String)].join(".");
    throw new ValidationFailed(`${field} ${issue.message}`, field);
  }
  if (script.needsIssue && !input.issueId) throw new ValidationFailed(`issueId is required: ${script.name} acts on a Sentry issue`, "issueId");
  if (input.resolveIssueOnSuccess && !input.issueId) throw new ValidationFailed("resolveIssueOnSuccess needs an issueId: there is no issue to resolve", "resolveIssueOnSuccess");

  const sql = await getSql();
  const issue = input.issueId ? await resolveIssueId(sql, input.issueId) : null;
  const id = newId(now.getTime());
  const status = input.requiresApproval ? "awaiting_approval" : "queued";
  // The trace the submission happens in (a webhook's, through the rule that handled it; an
  // operator's request): the job's runs continue it.
  const trace = Sentry.getTraceData();
  const params = [
    id,
    input.tier,
    input.namespace,
    input.priorityClass,
    script.name,
    JSON.stringify(args.data ?? {}),
    input.metadata === undefined ? null : JSON.stringify(input.metadata),
    submitter.source,
    issue?.id ?? null,
    submitter.ruleId ?? null,
    submitter.parentJobId ?? null,
    submitter.actor.type,
    submitter.actor.id ?? null,
    submitter.actor.label,
    input.dedupeKey ?? null,
    status,
    input.maxAttempts ?? script.defaultMaxAttempts,
    now,
    input.timeoutSeconds ?? script.defaultTimeoutSeconds,
    input.requiresApproval ?? false,
    input.resolveIssueOnSuccess ?? false,
    submitter.idempotencyKey ?? null,
    trace["sentry-trace"] ?? null,
    trace.baggage ?? null,
  ];
  const writes = [];
  if (issue) {
    writes.push({
      text: `INSERT INTO "IssueTimelineEntry" ("id", "issueId", "kind", "actor", "summary", "data", "jobId", "occurredAt") VALUES ($1, $2, 'job_submitted', $3, $4, $5::jsonb, $6, $7)`,
      params: [
        newId(now.getTime()),
        issue.id,
        submitter.actor.label,
        `Remediation job submitted: ${script.name} (${input.tier}, class ${input.priorityClass})${status === "awaiting_approval" ? ", awaiting approval" : ""}`,
        JSON.stringify({ script: script.name, tier: input.tier, source: submitter.source }),
        id,
        now,
      ],
    });
  }
  if (submitter.role !== "system") {
    writes.push(
      auditStatement(
        {
          actor: submitter.actor,
          action: "job.submitted",
          target: { type: "job", id },
          summary: `${script.name} on ${input.tier}/${input.namespace}, class ${input.priorityClass}${issue ? ` for issue “${issue.title}”` : ""}`,
          after: { script: script.name, tier: input.tier, namespace: input.namespace, priorityClass: input.priorityClass, args: args.data, status },
        },
        now,
      ),
    );
  }
  // One statement: the job, its notification to workers (delivered at commit; at most one per
  // window, see NotifyDebouncer), the timeline entry and the audit entry.
  const notifyInline = notifier.claimInline();
  const insert = foldStatements(writes, {
    text: `WITH inserted AS (INSERT INTO "RemediationJob" (${JOB_COLUMNS}) VALUES (${JOB_VALUES}) RETURNING *)
           SELECT inserted.*${notifyInline ? `, pg_notify('${JOBS_CHANNEL}', inserted."tier"::text) AS "notified"` : ""} FROM inserted`,
    params,
  });

  let result: SubmittedJob;
  if (input.dedupeKey) {
    result = await sql.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`remediation-job-dedupe:${input.dedupeKey}`]);
      const [existing] = await tx.query<RemediationJob>(
        `SELECT * FROM "RemediationJob" WHERE "dedupeKey" = $1 AND "status" IN ('queued', 'awaiting_approval', 'running') ORDER BY "createdAt" LIMIT 1`,
        [input.dedupeKey],
      );
      if (existing) return { job: existing, deduplicated: true };
      const [row] = await tx.query<RemediationJob & { notified?: unknown }>(insert.text, insert.params);
      return { job: withoutNotified(row!), deduplicated: false };
    });
  } else {
    const [row] = await sql.query<RemediationJob & { notified?: unknown }>(insert.text, insert.params);
    result = { job: withoutNotified(row!), deduplicated: false };
  }

  if (!result.deduplicated) {
    if (!notifyInline) notifier.afterCommit();
    announceJobsLocally(result.job.tier);
    if (issue && deps.commentOnIssue !== false) runInBackground(() => notifySentryOfJob(result.job, "submitted"));
    const alert = jobAlert(result.job, "submitted");
    if (alert) await announce(alert);
  }
  return result;
}

function withoutNotified(row: RemediationJob & { notified?: unknown }): RemediationJob {
  const { notified: _notified, ...job } = row;
  return job;
}
