// npm run bench:ingest -- [--requests 5000] [--concurrency 50] [--database-url URL] [--port 3400]
// Signed Sentry issue deliveries against `next start` on PostgreSQL, beside a trivial route of
// the same server (GET /api/health: one SELECT 1) measured in the same run. Prints
// requests/s, p50/p99 and the ratio ingest/trivial, and checks every delivery was stored.
import { parseFlags, stringFlag } from "@/lib/cli/args";
import { withPgClient } from "@/lib/db";
import { signSentryBody } from "@/lib/sentry/webhooks/signature";
import { DEMO_ISSUES, issuePayload } from "../support/sentry-payloads";
import { runLoad, type LoadResult } from "./load";
import { startNextServer } from "../support/next-server";

const SECRET = "bench-webhook-secret";

function row(name: string, result: LoadResult): string {
  return `${name.padEnd(10)} ${result.requests.toString().padStart(7)} ${result.requestsPerSecond.toFixed(0).padStart(8)} ${result.p50Ms.toFixed(1).padStart(8)} ${result.p99Ms.toFixed(1).padStart(8)} ${result.errors.toString().padStart(7)}`;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const requests = Number(stringFlag(flags, "requests") ?? 5000);
  const concurrency = Number(stringFlag(flags, "concurrency") ?? 50);
  const databaseUrl = stringFlag(flags, "database-url") ?? process.env.BENCH_DATABASE_URL ?? "postgres://postgres:postgres@127.0.0.1:5432/ops_bench";
  const port = Number(stringFlag(flags, "port") ?? 3400);

  console.log(`Starting next start on a fresh database (${new URL(databaseUrl).pathname.slice(1)})…`);
  const server = await startNextServer({ databaseUrl, port, env: { SENTRY_CLIENT_SECRET: SECRET } });
  try {
    const WARMUP = 1000;
    const bodies = Array.from({ length: 2 * requests + WARMUP }, (_, i) => {
      const template = DEMO_ISSUES[i % DEMO_ISSUES.length]!;
      const issue = { ...template, id: String(5_000_000_000 + i), shortId: `BENCH-${i}`, count: 1 + (i % 50) };
      const raw = JSON.stringify(issuePayload(issue, "created", new Date()));
      return { raw, signature: signSentryBody(Buffer.from(raw), SECRET) };
    });
    const deliver = (i: number) =>
      fetch(`${server.baseUrl}/api/webhooks/sentry`, {
        method: "POST",
        headers: { "content-type": "application/json", "sentry-hook-resource": "issue", "sentry-hook-timestamp": String(Math.floor(Date.now() / 1000)), "sentry-hook-signature": bodies[i]!.signature },
        body: bodies[i]!.raw,
      });
    const trivial = () => fetch(`${server.baseUrl}/api/health`);

    // Warm-up (JIT, connection pool, lazily loaded route code), then the two kinds of
    // request interleaved, so drift during the run affects both alike.
    await runLoad(WARMUP, concurrency, trivial);
    await runLoad(WARMUP, concurrency, (i) => deliver(2 * requests + i));
    const cpu = { trivial: 0, ingest: 0 };
    const measured = async (kind: keyof typeof cpu, run: () => Promise<LoadResult>) => {
      const before = server.cpuMs();
      const result = await run();
      cpu[kind] += server.cpuMs() - before;
      return result;
    };
    const trivialFirst = await measured("trivial", () => runLoad(requests, concurrency, trivial));
    const ingestFirst = await measured("ingest", () => runLoad(requests, concurrency, deliver));
    const trivialSecond = await measured("trivial", () => runLoad(requests, concurrency, trivial));
    const ingestSecond = await measured("ingest", () => runLoad(requests, concurrency, (i) => deliver(requests + i)));
    const trivialRps = (trivialFirst.requestsPerSecond + trivialSecond.requestsPerSecond) / 2;
    const ingestRps = (ingestFirst.requestsPerSecond + ingestSecond.requestsPerSecond) / 2;
    const ingestP99 = Math.max(ingestFirst.p99Ms, ingestSecond.p99Ms);
    const ingestErrors = ingestFirst.errors + ingestSecond.errors;

    const stored = await withPgClient(server.databaseUrl, async (client) => {
      const deliveries = await client.query<{ count: string }>(`SELECT count(*) FROM "WebhookDelivery" WHERE "rawBody" LIKE '%BENCH-%'`);
      const issues = await client.query<{ count: string }>(`SELECT count(*) FROM "Issue" WHERE "shortId" LIKE 'BENCH-%'`);
      return { deliveries: Number(deliveries.rows[0]!.count), issues: Number(issues.rows[0]!.count) };
    });

    const ratio = ingestRps / trivialRps;
    const sent = 2 * requests + WARMUP;
    console.log(`\nconcurrency ${concurrency}, ${requests} requests per phase, same server, same run`);
    console.log("phase      requests    req/s   p50 ms   p99 ms  errors");
    console.log(row("trivial", trivialFirst));
    console.log(row("ingest", ingestFirst));
    console.log(row("trivial", trivialSecond));
    console.log(row("ingest", ingestSecond));
    console.log(`\nratio ingest/trivial (req/s): ${ratio.toFixed(2)}  (target ≥ 0.50)`);
    console.log(`ingest p99: ${ingestP99.toFixed(1)} ms  (target < 100 ms)`);
    // The server's JavaScript runs on one thread, so its CPU per request bounds throughput,
    // and in a closed loop of C clients the mean latency is at least C / throughput.
    const cpuPerRequest = { trivial: cpu.trivial / (2 * requests), ingest: cpu.ingest / (2 * requests) };
    console.log(`server CPU per request: trivial ${cpuPerRequest.trivial.toFixed(2)} ms, ingest ${cpuPerRequest.ingest.toFixed(2)} ms`);
    console.log(
      `floor at concurrency ${concurrency} from server CPU alone: trivial mean ≥ ${(concurrency * cpuPerRequest.trivial).toFixed(0)} ms, ingest mean ≥ ${(concurrency * cpuPerRequest.ingest).toFixed(0)} ms`,
    );
    console.log(`stored: ${stored.deliveries} deliveries, ${stored.issues} issues for ${sent} sent (incl. warm-up)`);
    const ok = ingestErrors === 0 && stored.deliveries === sent && stored.issues === sent;
    console.log(ok ? "every delivery acknowledged and stored; zero errors" : `PROBLEM: errors=${ingestErrors}, statuses=${JSON.stringify([ingestFirst.statuses, ingestSecond.statuses])}`);
    return ok ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
