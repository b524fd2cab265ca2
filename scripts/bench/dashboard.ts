// npm run bench:dashboard -- [--issues 100000] [--jobs 1000000] [--checkins 500000] [--requests 200] [--concurrency 4] [--database-url URL] [--port 3410]
// Seeds a fresh PostgreSQL database at production-like size (batched INSERT … SELECT from
// generate_series, spread over 30 days), starts `next start`, then measures the overview API
// per range and the overview page's time to first byte, beside GET /api/health measured in
// the same run, and the overview's first-load JavaScript (gzipped) as the browser fetches it.
import { gzipSync } from "node:zlib";
import { runCli } from "@/lib/cli";
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { withPgClient } from "@/lib/db";
import { runLoad, type LoadResult } from "./load";
import { startNextServer } from "../support/next-server";

const ADMIN = { email: "bench@example.com", password: "correct horse battery staple", name: "Bench" };

async function seed(databaseUrl: string, sizes: { issues: number; jobs: number; checkIns: number }): Promise<void> {
  await withPgClient(databaseUrl, async (client) => {
    const started = Date.now();
    // Issues over 30 days; a third resolved an hour or so after first seen.
    await client.query(
      `INSERT INTO "Issue" (id, "sentryId", "shortId", title, culprit, level, status, "firstSeen", "lastSeen", "resolvedAt", count, "userCount", "createdAt", "updatedAt")
       SELECT 'bench-issue-' || g, 'bench-' || g, 'BENCH-' || g, 'Bench issue ' || g, 'app/module_' || (g % 97), (ARRAY['fatal','error','warning','info','debug'])[1 + g % 5]::"IssueLevel",
              CASE WHEN g % 3 = 0 THEN 'resolved' ELSE 'unresolved' END::"IssueStatus",
              now() - (g % 43200) * interval '1 minute', now() - (g % 720) * interval '1 minute',
              CASE WHEN g % 3 = 0 THEN now() - (g % 43200) * interval '1 minute' + (30 + g % 120) * interval '1 minute' END,
              1 + g % 5000, g % 300, now(), now()
         FROM generate_series(1, $1::int) AS g`,
      [sizes.issues],
    );
    await client.query(
      // Half the jobs remediate an issue; of those that succeed, most asked to resolve it and
      // carry the loop's verdict (the effectiveness card reads them).
      `INSERT INTO "RemediationJob" (id, tier, namespace, "priorityClass", script, args, source, "issueId", "submittedByType", "submittedByLabel", status, attempts, "createdAt", "updatedAt", "startedAt", "finishedAt",
                                     "resolveIssueOnSuccess", verification, "issueResolvedAt")
       SELECT gen_random_uuid()::text, (CASE WHEN g % 4 = 0 THEN 'prod' ELSE 'nonprod' END)::"Tier", 'ns-' || (g % 20), (ARRAY['A','B','C'])[1 + g % 3]::"PriorityClass",
              (ARRAY['restart-service','restart-db-pool','fix-build-errors','analyze-production-error','noop','sleep'])[1 + g % 6], '{}'::jsonb, 'rule'::"JobSource",
              CASE WHEN g % 2 = 0 THEN 'bench-issue-' || (1 + g % $2::int) END,
              'system'::"ActorType", 'bench',
              (CASE WHEN g % 1000 = 0 THEN 'queued' WHEN g % 10 = 0 THEN 'failed' WHEN g % 37 = 0 THEN 'timed_out' ELSE 'succeeded' END)::"JobStatus", 1,
              now() - (g % 43200) * interval '1 minute', now(), now() - (g % 43200) * interval '1 minute',
              CASE WHEN g % 1000 = 0 THEN NULL ELSE now() - (g % 43200) * interval '1 minute' + interval '20 seconds' END,
              g % 2 = 0,
              (CASE WHEN g % 2 <> 0 OR g % 1000 = 0 OR g % 10 = 0 OR g % 37 = 0 THEN NULL WHEN g % 7 = 0 THEN 'ineffective' ELSE 'verified' END)::"LoopVerification",
              CASE WHEN g % 2 = 0 AND g % 1000 <> 0 AND g % 10 <> 0 AND g % 37 <> 0 THEN now() - (g % 43200) * interval '1 minute' + interval '21 seconds' END
         FROM generate_series(1, $1::int) AS g`,
      [sizes.jobs, sizes.issues],
    );
    await client.query(
      `INSERT INTO "Monitor" (id, slug, name, kind, "scheduleType", schedule, "checkinMarginMinutes", "maxRuntimeMinutes", status, "lastCheckInAt", "nextExpectedAt", "createdAt", "updatedAt")
       VALUES ('m-prod', 'batch-worker-prod', 'Batch worker (prod)', 'worker', 'crontab', '* * * * *', 2, 2, 'ok', now(), now() + interval '1 minute', now(), now()),
              ('m-nonprod', 'batch-worker-nonprod', 'Batch worker (nonprod)', 'worker', 'crontab', '* * * * *', 2, 2, 'ok', now(), now() + interval '1 minute', now(), now())`,
    );
    await client.query(
      `INSERT INTO "MonitorCheckIn" (id, "monitorId", "checkInId", status, environment, "durationMs", source, "startedAt", "finishedAt", "createdAt")
       SELECT gen_random_uuid()::text, CASE WHEN g % 2 = 0 THEN 'm-prod' ELSE 'm-nonprod' END, md5(g::text),
              (CASE WHEN g % 97 = 0 THEN 'error' WHEN g % 89 = 0 THEN 'missed' ELSE 'ok' END)::"CheckInStatus", 'production', 100 + g % 900, 'cron-tick',
              now() - (g / 2) * interval '5 seconds', now() - (g / 2) * interval '5 seconds' + interval '1 second', now()
         FROM generate_series(1, $1::int) AS g`,
      [sizes.checkIns],
    );
    // VACUUM as well as ANALYZE: over the 30 days this data stands for, autovacuum would have
    // marked the pages all-visible, which is what lets the overview's index-only scans skip
    // the table (an INSERT … SELECT of a million rows leaves none marked).
    await client.query("VACUUM ANALYZE");
    console.log(`Seeded ${sizes.issues.toLocaleString("en-US")} issues, ${sizes.jobs.toLocaleString("en-US")} jobs and ${sizes.checkIns.toLocaleString("en-US")} check-ins in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  });
}

async function signInCookie(baseUrl: string): Promise<string> {
  const headers = { "content-type": "application/json", origin: baseUrl };
  const setup = await fetch(`${baseUrl}/api/setup`, { method: "POST", headers, body: JSON.stringify(ADMIN) });
  if (setup.status !== 201) throw new Error(`Setup failed: ${setup.status} ${await setup.text()}`);
  const signIn = await fetch(`${baseUrl}/api/auth/signin`, { method: "POST", headers, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`Sign-in failed: ${signIn.status}`);
  return cookie;
}

/** The JavaScript a first visit to `/` downloads: every script the HTML references, gzipped. */
async function firstLoadJs(baseUrl: string, cookie: string): Promise<{ files: number; rawKb: number; gzipKb: number }> {
  const html = await (await fetch(`${baseUrl}/`, { headers: { cookie } })).text();
  const sources = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((match) => match[1]!))];
  let raw = 0;
  let gzip = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, baseUrl))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: sources.length, rawKb: raw / 1024, gzipKb: gzip / 1024 };
}

function row(name: string, result: LoadResult, baseline?: LoadResult): string {
  const ratio = baseline ? (result.p95Ms / baseline.p95Ms).toFixed(1).padStart(7) : "   base";
  return `${name.padEnd(22)} ${result.requests.toString().padStart(6)} ${result.p50Ms.toFixed(1).padStart(8)} ${result.p95Ms.toFixed(1).padStart(8)} ${ratio} ${result.errors.toString().padStart(7)}`;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const sizes = { issues: Number(stringFlag(flags, "issues") ?? 100_000), jobs: Number(stringFlag(flags, "jobs") ?? 1_000_000), checkIns: Number(stringFlag(flags, "checkins") ?? 500_000) };
  const requests = Number(stringFlag(flags, "requests") ?? 200);
  const concurrency = Number(stringFlag(flags, "concurrency") ?? 4);
  const databaseUrl = stringFlag(flags, "database-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/ops_bench_dashboard";
  const port = Number(stringFlag(flags, "port") ?? 3410);

  console.log(`Starting next start on a fresh database (${new URL(databaseUrl).pathname.slice(1)})…`);
  const server = await startNextServer({ databaseUrl, port, env: { WORKER_IN_PROCESS: "false" } });
  try {
    await seed(server.databaseUrl, sizes);
    const cookie = await signInCookie(server.baseUrl);
    const get = (path: string) => () => fetch(`${server.baseUrl}${path}`, { headers: { cookie } });
    const phases: [string, () => Promise<Response>][] = [
      ["GET /api/health", get("/api/health")],
      ["GET /api/overview 1h", get("/api/overview?range=1h")],
      ["GET /api/overview 24h", get("/api/overview?range=24h")],
      ["GET /api/overview 7d", get("/api/overview?range=7d")],
      ["GET /api/overview 30d", get("/api/overview?range=30d")],
      ["GET …/remediation 24h", get("/api/overview/remediation?range=24h")],
      ["GET …/remediation 30d", get("/api/overview/remediation?range=30d")],
      ["GET / (page TTFB)", get("/")],
    ];
    // Warm-up: JIT, connection pool, route code, PostgreSQL's buffer cache.
    for (const [, request] of phases) await runLoad(20, concurrency, request);
    const results = new Map<string, LoadResult>();
    for (const [name, request] of phases) results.set(name, await runLoad(requests, concurrency, request));
    const js = await firstLoadJs(server.baseUrl, cookie);

    const baseline = results.get("GET /api/health")!;
    console.log(`\n${requests} requests per phase at concurrency ${concurrency}; time to the full answer (TTFB for the streamed page: fetch resolves on headers)`);
    console.log("phase                  requests   p50 ms   p95 ms  ×health  errors");
    for (const [name, result] of results) console.log(row(name, result, name === "GET /api/health" ? undefined : baseline));
    const worstApiP95 = Math.max(...[...results].filter(([name]) => name.startsWith("GET /api/overview")).map(([, result]) => result.p95Ms));
    console.log(`\noverview API p95 (worst range): ${worstApiP95.toFixed(1)} ms  (target < 100 ms)`);
    console.log(`overview first-load JS: ${js.gzipKb.toFixed(1)} kB gzipped, ${js.rawKb.toFixed(1)} kB raw, ${js.files} files  (target < 250 kB gzipped)`);
    const errors = [...results.values()].reduce((sum, result) => sum + result.errors, 0);
    if (errors > 0) throw new Error(`${errors} request(s) failed.`);
  } finally {
    await server.stop();
  }
}

runCli(main);
