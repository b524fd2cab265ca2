// The system under test for the reliability suite: `next start` (the production build) on a
// private PostgreSQL server, a fake Sentry DSN for the SDK's envelopes, and a recorder of
// every answer the suite reads, for the secret scan at the end.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startNextServer, type NextServer } from "@/scripts/support/next-server";
import { startFakeSentryDsn, type FakeSentryDsn } from "../../support/fake-sentry-dsn";
import { freePort, startPrivatePostgres, type PrivatePostgres } from "./private-postgres";

export const ADMIN = { email: "admin@reliability.test", name: "Reliability Admin", password: `storm-proof-${randomBytes(8).toString("hex")}` };

/** Every secret the suite hands the app; none may come back in an answer, a page or a log line. */
export interface Secrets {
  sentryClientSecret: string;
  sentryApiToken: string;
  cronSecret: string;
  appSecret: string;
  remediationSecret: string;
  adminPassword: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route has its own body shape; scenarios assert on it
  body: any;
}

export interface RecordedAnswer {
  what: string;
  text: string;
  /** A secret this answer exists to hand over once (a new API token, a session cookie). */
  reveals: string[];
}

export interface ReliabilityApp {
  baseUrl: string;
  pg: PrivatePostgres;
  databaseUrl: string;
  secrets: Secrets;
  dsn: FakeSentryDsn;
  server: NextServer;
  /** Extra secrets made during the run (channel URLs, tokens, callback tokens). */
  extraSecrets: string[];
  answers: RecordedAnswer[];
  /** Output of processes other than the server (standalone workers). */
  otherLogs: string[];
  request(path: string, init?: RequestInit & { reveals?: string[]; record?: boolean }): Promise<Answer>;
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** The `count` column of a one-row query, as a number. */
  count(sql: string, params?: unknown[]): Promise<number>;
  adminToken: string;
  stop(): Promise<void>;
}

const secret = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;

export async function startReliabilityApp(extraEnv: Record<string, string> = {}): Promise<ReliabilityApp> {
  const secrets: Secrets = {
    sentryClientSecret: secret("client-secret"),
    sentryApiToken: secret("sntrys"),
    cronSecret: secret("cron"),
    appSecret: secret("app-secret"),
    remediationSecret: secret("remediation"),
    adminPassword: ADMIN.password,
  };
  const privatePg = await startPrivatePostgres();
  const dsn = await startFakeSentryDsn();
  const databaseUrl = privatePg.url("ops_reliability");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  // The suite restarts the server under the pool; a dropped idle connection is not an error here.
  pool.on("error", () => {});
  let server: NextServer;
  try {
    server = await startNextServer({
      databaseUrl,
      port: await freePort(),
      captureOutput: true,
      env: {
        SENTRY_CLIENT_SECRET: secrets.sentryClientSecret,
        SENTRY_API_TOKEN: secrets.sentryApiToken,
        SENTRY_ORG: "reliability",
        // Nothing listens there: calls to Sentry's API fail fast, and must not leak the token.
        SENTRY_API_BASE_URL: "http://127.0.0.1:9",
        CRON_SECRET: secrets.cronSecret,
        APP_SECRET: secrets.appSecret,
        REMEDIATION_SECRET_RELIABILITY: secrets.remediationSecret,
        SENTRY_DSN: dsn.dsn,
        SENTRY_TRACES_SAMPLE_RATE: "1",
        SENTRY_ENVIRONMENT: "reliability",
        SESSION_COOKIE_SECURE: "false",
        WORKER_IN_PROCESS: "false",
        // The suite's storms and fuzzing come from one address: the per-address limits would
        // answer most of them before the code under test (tests/sentry and tests/monitors
        // test the limits themselves).
        WEBHOOK_RATE_LIMIT_PER_MINUTE: "0",
        CHECKIN_RATE_LIMIT_PER_MINUTE: "0",
        ...extraEnv,
      },
    });
  } catch (error) {
    await dsn.close();
    await pool.end();
    privatePg.stop();
    throw error;
  }

  const answers: RecordedAnswer[] = [];
  const request: ReliabilityApp["request"] = async (path, init = {}) => {
    const { reveals = [], record = true, ...rest } = init;
    const response = await fetch(`${server.baseUrl}${path}`, { redirect: "manual", ...rest });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: pages, plain errors
    }
    if (record) {
      const headerText = [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join("\n");
      answers.push({ what: `${rest.method ?? "GET"} ${path} → ${response.status}`, text: `${headerText}\n\n${text}`, reveals });
    }
    return { status: response.status, headers: response.headers, text, body };
  };

  const setup = await request("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
  if (setup.status !== 201) throw new Error(`Setup failed: ${setup.status} ${setup.text}`);
  const signIn = await fetch(`${server.baseUrl}/api/auth/signin`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  const created = await fetch(`${server.baseUrl}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: server.baseUrl },
    body: JSON.stringify({ name: "reliability admin", role: "admin", expiresInDays: null }),
  });
  const adminToken = ((await created.json()) as { secret: string }).secret;
  if (!adminToken) throw new Error(`Could not create an admin token: ${created.status}`);

  return {
    baseUrl: server.baseUrl,
    pg: privatePg,
    databaseUrl,
    secrets,
    dsn,
    server,
    extraSecrets: [adminToken],
    answers,
    otherLogs: [],
    request,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    count: async (sql, params) => Number((await pool.query<{ count: string }>(sql, params)).rows[0]!.count),
    adminToken,
    stop: async () => {
      await server.stop();
      await dsn.close();
      await pool.end();
      privatePg.stop();
    },
  };
}
