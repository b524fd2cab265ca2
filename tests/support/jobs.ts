import { z } from "zod";
import { parseConfig, type AppConfig } from "@/lib/config";
import { BUILT_IN_SCRIPTS, defineScript, submitJob, type QueueSettings, type ScriptRegistry, type SubmitJobInput } from "@/lib/jobs";
import type { Clock } from "@/lib/jobs";

export const SYSTEM = { actor: { type: "system" as const, label: "test" }, role: "system" as const, source: "api" as const };
export const OPERATOR = { actor: { type: "user" as const, id: "u-op", label: "op@example.com" }, role: "operator" as const, source: "manual" as const };

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return parseConfig({ NODE_ENV: "test", ...env });
}

export function queueSettings(clock?: Clock, overrides: Partial<QueueSettings> = {}): QueueSettings {
  return { limits: { maxRunning: { prod: 0, nonprod: 0 }, maxRunningPerNamespace: 0 }, leaseSeconds: 30, logMaxBytes: 64 * 1024, clock, random: () => 0.5, ...overrides };
}

/**
 * A script that records every start and end, to prove no job runs twice, or twice at once.
 * It waits `ms` (honouring the abort signal) in between.
 */
export function countingScript(ms = 0) {
  const starts = new Map<string, number>();
  const concurrentRuns: string[] = [];
  const active = new Set<string>();
  const script = defineScript({
    name: "count",
    title: "Count (test)",
    description: "Counts its runs.",
    argsSchema: z.object({ ms: z.number().default(ms) }),
    allowedTiers: ["prod", "nonprod"],
    defaultTimeoutSeconds: 60,
    defaultMaxAttempts: 3,
    configured: () => ({ ok: true }),
    run: async ({ job, args, signal }) => {
      if (active.has(job.id)) concurrentRuns.push(job.id);
      active.add(job.id);
      starts.set(job.id, (starts.get(job.id) ?? 0) + 1);
      try {
        if (args.ms > 0) {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(resolve, args.ms);
            signal.addEventListener("abort", () => {
              clearTimeout(timer);
              reject(signal.reason);
            });
          });
        }
        return { kind: "done" as const, output: { ran: true } };
      } finally {
        active.delete(job.id);
      }
    },
  });
  const scripts: ScriptRegistry = new Map([...BUILT_IN_SCRIPTS, [script.name, script]]);
  return { scripts, starts, concurrentRuns };
}

export function submit(input: Partial<SubmitJobInput> & { script: string }, scripts?: ScriptRegistry, clock?: Clock) {
  return submitJob({ tier: "nonprod", ...input }, SYSTEM, { scripts, clock });
}
