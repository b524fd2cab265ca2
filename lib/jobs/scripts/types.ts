import type { z } from "zod";
import type { AppConfig } from "@/lib/config";
import type { SentryClient } from "@/lib/sentry";
import type { PriorityClass, Tier } from "../model";

export interface ScriptLogger {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** The Sentry issue a job was submitted for, as scripts see it. */
export interface ScriptIssue {
  id: string;
  sentryId: string;
  shortId: string | null;
  title: string;
  culprit: string | null;
  level: string;
  status: string;
  environment: string | null;
  projectSlug: string | null;
  permalink: string | null;
  count: string;
  userCount: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  metadata: unknown;
}

/** A job a script asks for next (analyze-production-error → apply-ai-fix). */
export interface FollowUpJob {
  script: string;
  tier: Tier;
  namespace?: string;
  priorityClass: PriorityClass;
  args: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface ScriptContext<Args> {
  job: { id: string; tier: Tier; namespace: string; priorityClass: PriorityClass; attempt: number; maxAttempts: number; metadata: unknown };
  args: Args;
  issue: ScriptIssue | null;
  log: ScriptLogger;
  /** Aborted on cancel, timeout, a lost lease or worker shutdown; pass it to every fetch. */
  signal: AbortSignal;
  /** Stable across retries of the same job: send it where the receiver can de-duplicate. */
  idempotencyKey: string;
  config: AppConfig;
  sentry: SentryClient;
  /** Present for scripts with `usesCallback`: where and with what the outside runner reports back. */
  callback?: { url: string; token: string };
  /** The job's page in this app, for links in comments and workflow inputs. */
  jobUrl: string;
  submitFollowUp(job: FollowUpJob): Promise<{ id: string }>;
}

export type ScriptOutcome =
  /** Finished: the job succeeds with this output. */
  | { kind: "done"; output?: unknown }
  /** Handed to an outside runner: the job stays running until its callback or its timeout. */
  | { kind: "await_callback"; output?: unknown };

export type ScriptConfigured = { ok: true } | { ok: false; reason: string };

export interface RemediationScript<Schema extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  argsSchema: Schema;
  allowedTiers: Tier[];
  defaultTimeoutSeconds: number;
  defaultMaxAttempts: number;
  /** Demo and benchmark scripts, labelled as such in the UI. */
  demo?: boolean;
  /** Needs the job to be linked to a Sentry issue. */
  needsIssue?: boolean;
  usesCallback?: boolean;
  /** Whether this configuration can run it, and if not, what to set. */
  configured(config: AppConfig): ScriptConfigured;
  run(context: ScriptContext<z.infer<Schema>>): Promise<ScriptOutcome>;
}

/**
 * A failure a script reports on purpose. `retryable: false` for failures another attempt
 * cannot fix (missing configuration, a 4xx), so attempts are not wasted on them.
 */
export class ScriptFailure extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = "ScriptFailure";
  }
}

export function defineScript<Schema extends z.ZodType>(script: RemediationScript<Schema>): RemediationScript<Schema> {
  return script;
}

export const alwaysConfigured = (): ScriptConfigured => ({ ok: true });
