import { z } from "zod";
import { callHttp } from "./http";
import { defineScript, ScriptFailure } from "./types";

export const vercelRedeployScript = defineScript({
  name: "vercel-redeploy",
  title: "Redeploy on Vercel",
  description: "Triggers a new deployment through the project's deploy hook (VERCEL_DEPLOY_HOOK_URL).",
  argsSchema: z.object({}),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 60,
  defaultMaxAttempts: 3,
  configured: (config) => (config.remediation.vercelDeployHookUrl ? { ok: true } : { ok: false, reason: "Set VERCEL_DEPLOY_HOOK_URL (Project Settings → Git → Deploy Hooks)." }),
  run: async ({ config, signal, log }) => {
    const hook = config.remediation.vercelDeployHookUrl;
    if (!hook) throw new ScriptFailure("VERCEL_DEPLOY_HOOK_URL is not set: create a deploy hook in the Vercel project's Git settings.", false);
    log.info("Calling the deploy hook");
    // The hook URL itself is the credential: it is kept out of every message.
    const answer = await callHttp({ url: hook, method: "POST", timeoutMs: 30_000, signal, secrets: [hook, new URL(hook).pathname] });
    const job = (answer.json as { job?: { id?: string; state?: string } } | null)?.job;
    log.info(`Deployment queued${job?.id ? ` (${job.id})` : ""}`);
    return { kind: "done", output: { deploymentJobId: job?.id ?? null, state: job?.state ?? null } };
  },
});
