// Starts `next start` for the browser tests on a blank database: a fresh embedded data folder,
// or, with E2E_DATABASE_URL, a freshly created PostgreSQL database on that server.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { gunzipSync } from "node:zlib";

const port = process.env.E2E_PORT ?? "3210";
const dsnPort = process.env.E2E_DSN_PORT ?? String(Number(port) + 1);

// A local fake of Sentry's ingestion: the server's real @sentry/nextjs SDK sends its
// envelopes here (SENTRY_DSN below); tests read the check-ins it kept at GET /check-ins.
// The same server imitates the few calls of Sentry's REST API the app makes (SENTRY_API_BASE_URL
// below): resolving an issue, commenting on it, checking the organization. Tests read what it
// was asked at GET /sentry-api/requests.
const checkIns = [];
const apiRequests = [];
// Alerts the app sends to a webhook channel pointed at POST /alert-hooks; GET lists them.
const alertHooks = [];
const SENTRY_API_TOKEN = "e2e-sentry-api-token";
const SENTRY_ORG = "e2e-org";

function sentryApi(req, res, body) {
  const path = req.url.split("?")[0];
  let parsed = null;
  try {
    parsed = body.length ? JSON.parse(body.toString("utf8")) : null;
  } catch {
    // not JSON: recorded as null
  }
  apiRequests.push({ method: req.method, path, body: parsed, authorized: req.headers.authorization === `Bearer ${SENTRY_API_TOKEN}` });
  const send = (status, value) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (req.headers.authorization !== `Bearer ${SENTRY_API_TOKEN}`) return send(401, { detail: "Invalid token" });
  const issue = path.match(new RegExp(`^/api/0/organizations/${SENTRY_ORG}/issues/(\\d+)/(comments/)?$`));
  if (issue && req.method === "PUT") return send(200, { status: parsed?.status ?? "resolved" });
  if (issue && issue[2] && req.method === "POST") return send(201, { id: String(apiRequests.length) });
  if (path === `/api/0/organizations/${SENTRY_ORG}/` && req.method === "GET") return send(200, { slug: SENTRY_ORG, name: "E2E" });
  if (path === `/api/0/organizations/${SENTRY_ORG}/issues/` && req.method === "GET") return send(200, []);
  return send(404, { detail: "The requested resource does not exist" });
}

createServer((req, res) => {
  if (req.method === "GET" && req.url === "/check-ins") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(checkIns));
    return;
  }
  if (req.method === "GET" && req.url === "/alert-hooks") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(alertHooks));
    return;
  }
  if (req.method === "GET" && req.url === "/sentry-api/requests") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(apiRequests));
    return;
  }
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    if (req.url.startsWith("/api/0/")) return sentryApi(req, res, Buffer.concat(chunks));
    if (req.url === "/alert-hooks") {
      alertHooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204);
      return res.end();
    }
    let body = Buffer.concat(chunks);
    if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
    const lines = body.toString("utf8").split("\n");
    for (let i = 1; i + 1 < lines.length; i += 2) {
      try {
        if (JSON.parse(lines[i]).type === "check_in") checkIns.push(JSON.parse(lines[i + 1]));
      } catch {
        // attachments and other items this fake does not read
      }
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
}).listen(Number(dsnPort), "127.0.0.1");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", SESSION_COOKIE_SECURE: "false", SENTRY_CLIENT_SECRET: "e2e-webhook-secret", CRON_SECRET: "e2e-cron-secret", WORKER_IN_PROCESS: "true", WORKER_POLL_INTERVAL_MS: "500", SENTRY_DSN: `http://e2ekey@127.0.0.1:${dsnPort}/1`, SENTRY_TRACES_SAMPLE_RATE: "0", SENTRY_ENVIRONMENT: "e2e",
  SENTRY_API_BASE_URL: `http://127.0.0.1:${dsnPort}`, SENTRY_API_TOKEN: SENTRY_API_TOKEN, SENTRY_ORG: SENTRY_ORG,
  // Seconds, not half an hour: the loop journey waits for the verdict.
  REMEDIATION_VERIFY_MINUTES: "0.1",
  APP_SECRET: "e2e-app-secret-0123456789abcdefghijklmnop" };
delete env.DATABASE_URL;

if (!existsSync(path.join(".next", "BUILD_ID"))) {
  console.log("No production build found: running next build first.");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (process.env.E2E_DATABASE_URL) {
  const url = new URL(process.env.E2E_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  env.DATABASE_URL = url.toString();
  const migrate = spawnSync("npx", ["tsx", "scripts/db-migrate.ts"], { stdio: "inherit", env });
  if (migrate.status !== 0) process.exit(migrate.status ?? 1);
} else {
  const dataDir = path.resolve(".data-e2e");
  rmSync(dataDir, { recursive: true, force: true });
  env.DATA_DIR = dataDir;
}

const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
