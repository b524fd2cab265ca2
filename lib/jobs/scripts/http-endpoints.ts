import { z } from "zod";
import { readRemediationSecret, type AppConfig } from "@/lib/config";
import { lookupPath, renderTemplate, TemplateError, type Encoding } from "../template";
import { callHttp, redact } from "./http";
import { defineScript, ScriptFailure, type ScriptConfigured, type ScriptContext } from "./types";

const endpointSchema = z.object({
  url: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  expectStatus: z.array(z.number().int().min(100).max(599)).optional(),
  timeoutSeconds: z.number().positive().max(600).default(30),
});
export type HttpEndpoint = z.infer<typeof endpointSchema>;

const endpointsSchema = z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "endpoint names are lowercase letters, digits, - and _"), endpointSchema);

/** Pure: the named endpoints of REMEDIATION_HTTP_ENDPOINTS, or a message saying what is wrong. */
export function parseHttpEndpoints(json: string | undefined): { ok: true; endpoints: Record<string, HttpEndpoint> } | { ok: false; message: string } {
  if (!json) return { ok: true, endpoints: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, message: "REMEDIATION_HTTP_ENDPOINTS is not valid JSON." };
  }
  const parsed = endpointsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `REMEDIATION_HTTP_ENDPOINTS ${issue.path.join(".")}: ${issue.message}` };
  }
  return { ok: true, endpoints: parsed.data };
}

function endpointConfigured(config: AppConfig, name: string): ScriptConfigured {
  const parsed = parseHttpEndpoints(config.remediation.httpEndpointsJson);
  if (!parsed.ok) return { ok: false, reason: parsed.message };
  if (!parsed.endpoints[name]) return { ok: false, reason: `No HTTP endpoint named "${name}": add it to REMEDIATION_HTTP_ENDPOINTS.` };
  return { ok: true };
}

/**
 * Calls a configured endpoint. Templates see {{params.*}}, {{job.*}}, {{issue.*}} and
 * {{secret.NAME}} (REMEDIATION_SECRET_NAME, never stored in job args nor logged).
 */
async function callEndpoint(context: ScriptContext<unknown>, name: string, params: Record<string, string>) {
  const parsed = parseHttpEndpoints(context.config.remediation.httpEndpointsJson);
  if (!parsed.ok) throw new ScriptFailure(parsed.message, false);
  const endpoint = parsed.endpoints[name];
  if (!endpoint) throw new ScriptFailure(`No HTTP endpoint named "${name}" is configured: add it to REMEDIATION_HTTP_ENDPOINTS (see README, "Remediation scripts").`, false);

  const secrets: string[] = [];
  const values = {
    params,
    job: { ...context.job, idempotencyKey: context.idempotencyKey, url: context.jobUrl },
    issue: context.issue ?? {},
  };
  const lookup = (path: string) => {
    if (path.startsWith("secret.")) {
      const secret = readRemediationSecret(path.slice("secret.".length));
      if (secret !== undefined) secrets.push(secret);
      return secret;
    }
    return lookupPath(values, path);
  };
  const render = (template: string, encoding: Encoding, where: string) => {
    try {
      return renderTemplate(template, lookup, encoding);
    } catch (error) {
      if (error instanceof TemplateError) {
        const hint = error.placeholder.startsWith("secret.") ? ` (set REMEDIATION_SECRET_${error.placeholder.slice(7)})` : "";
        throw new ScriptFailure(`Endpoint "${name}" ${where}: ${error.message}${hint}`, false);
      }
      throw error;
    }
  };
  const url = render(endpoint.url, "url", "url");
  const headers = Object.fromEntries(Object.entries(endpoint.headers).map(([key, value]) => [key, render(value, "header", `header ${key}`)]));
  const isJson = Object.entries(headers).some(([key, value]) => key.toLowerCase() === "content-type" && value.includes("json")) || !Object.keys(headers).some((key) => key.toLowerCase() === "content-type");
  const body = endpoint.body === undefined ? undefined : render(endpoint.body, isJson ? "json-string" : "none", "body");
  if (body !== undefined && !Object.keys(headers).some((key) => key.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
  headers["Idempotency-Key"] ??= context.idempotencyKey;

  context.log.info(`${endpoint.method} ${redact(url, secrets)}`);
  const answer = await callHttp({
    url,
    method: endpoint.method,
    headers,
    body,
    timeoutMs: endpoint.timeoutSeconds * 1000,
    signal: context.signal,
    secrets,
    expectStatus: endpoint.expectStatus,
  });
  context.log.info(`Answered ${answer.status}`);
  return { kind: "done" as const, output: { endpoint: name, status: answer.status, response: answer.json ?? redact(answer.body.slice(0, 2000), secrets) } };
}

const params = z.record(z.string().regex(/^\w+$/), z.string().max(2000)).default({});

export const httpRequestScript = defineScript({
  name: "http-request",
  title: "HTTP request",
  description: "Calls a named HTTP endpoint from REMEDIATION_HTTP_ENDPOINTS (method, headers, body template). Secrets are referenced by name in the configuration, never passed in args.",
  argsSchema: z.object({
    endpoint: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be the name of a configured endpoint").describe("Name of a configured endpoint"),
    params: params.describe("Values for {{params.*}} in the endpoint's templates"),
  }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 120,
  defaultMaxAttempts: 3,
  configured: (config) => {
    const parsed = parseHttpEndpoints(config.remediation.httpEndpointsJson);
    if (!parsed.ok) return { ok: false, reason: parsed.message };
    return Object.keys(parsed.endpoints).length > 0 ? { ok: true } : { ok: false, reason: "No endpoints configured: set REMEDIATION_HTTP_ENDPOINTS." };
  },
  run: (context) => callEndpoint(context, context.args.endpoint, context.args.params),
});

export const restartServiceScript = defineScript({
  name: "restart-service",
  title: "Restart service",
  description: 'Restarts a service through the "restart-service" endpoint of REMEDIATION_HTTP_ENDPOINTS ({{params.service}} names it).',
  argsSchema: z.object({ service: z.string().min(1).max(200).describe("The service to restart") }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 300,
  defaultMaxAttempts: 2,
  configured: (config) => endpointConfigured(config, "restart-service"),
  run: (context) => callEndpoint(context, "restart-service", { service: context.args.service }),
});

export const restartDbPoolScript = defineScript({
  name: "restart-db-pool",
  title: "Restart database pool",
  description: 'Recycles a database connection pool through the "restart-db-pool" endpoint of REMEDIATION_HTTP_ENDPOINTS ({{params.pool}} names it).',
  argsSchema: z.object({ pool: z.string().min(1).max(200).default("primary").describe("The pool to recycle") }),
  allowedTiers: ["prod", "nonprod"],
  defaultTimeoutSeconds: 300,
  defaultMaxAttempts: 2,
  configured: (config) => endpointConfigured(config, "restart-db-pool"),
  run: (context) => callEndpoint(context, "restart-db-pool", { pool: context.args.pool }),
});
