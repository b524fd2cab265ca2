import { z } from "zod";
import { sleepWithSignal } from "./http";
import { alwaysConfigured, defineScript, ScriptFailure } from "./types";

export const noopScript = defineScript({
  name: "noop",
  title: "No-op (demo)",
  description: "Does nothing and succeeds at once. For demos, benchmarks and checking that workers run.",
  argsSchema: z.object({ note: z.string().max(500).optional().describe("Free text, echoed in the output") }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 30,
  defaultMaxAttempts: 1,
  demo: true,
  configured: alwaysConfigured,
  run: async ({ args }) => ({ kind: "done", output: { ok: true, ...(args.note ? { note: args.note } : {}) } }),
});

export const sleepScript = defineScript({
  name: "sleep",
  title: "Sleep (demo)",
  description: "Waits, logging its progress, then succeeds, or fails when asked to. For demos of progress, cancel, timeouts and retries.",
  argsSchema: z.object({
    seconds: z.number().min(0).max(3600).default(5).describe("How long to wait"),
    fail: z.boolean().default(false).describe("Fail at the end instead of succeeding"),
  }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 120,
  defaultMaxAttempts: 1,
  demo: true,
  configured: alwaysConfigured,
  run: async ({ args, log, signal }) => {
    const steps = Math.max(1, Math.min(10, Math.ceil(args.seconds)));
    for (let step = 1; step <= steps; step++) {
      await sleepWithSignal((args.seconds * 1000) / steps, signal);
      log.info(`Step ${step} of ${steps} done`);
    }
    if (args.fail) throw new ScriptFailure("Failed on purpose (fail: true).", true);
    return { kind: "done", output: { sleptSeconds: args.seconds } };
  },
});
