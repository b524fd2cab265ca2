import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth";
import { claimDueChecks, createHealthCheck, runDueHealthChecks } from "@/lib/health";
import { runTickTasks } from "@/lib/worker";
import { TestClock } from "../support/clock";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { testConfig } from "../support/jobs";

/**
 * A service whose health the test decides: /health answers 200 or 503, after `delayMs`, and
 * the server counts how many requests it holds at once.
 */
interface Service {
  url: string;
  healthy: boolean;
  delayMs: number;
  inFlight: number;
  maxInFlight: number;
  requests: number;
}

let database: TestDatabase;
let server: Server;
const service: Service = { url: "", healthy: true, delayMs: 0, inFlight: 0, maxInFlight: 0, requests: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  server = createServer((_request, response) => {
    service.requests += 1;
    service.inFlight += 1;
    service.maxInFlight = Math.max(service.maxInFlight, service.inFlight);
    setTimeout(() => {
      service.inFlight -= 1;
      response.writeHead(service.healthy ? 200 : 503, { "content-type": "text/plain" });
      response.end(service.healthy ? "ok" : "unavailable");
    }, service.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});
beforeEach(async () => {
  await database.truncateAll();
  Object.assign(service, { healthy: true, delayMs: 0, inFlight: 0, maxInFlight: 0, requests: 0 });
});

async function addCheck(name: string, now: Date, extra: Record<string, unknown> = {}) {
  return createHealthCheck({ name, kind: "http", target: { url: `${service.url}/health` }, ...extra }, SYSTEM_ACTOR, now);
}

function tick(now: Date, budgetMs = 10_000) {
  return runDueHealthChecks({ now, deadlineAt: Date.now() + budgetMs });
}

describe("claiming due checks", () => {
  it("claims only enabled checks that are due and whose timeout fits, and moves each one's next check an interval on", async () => {
    const clock = new TestClock();
    const due = await addCheck("due", clock.now(), { intervalSeconds: 120 });
    await addCheck("disabled", clock.now(), { enabled: false });
    await addCheck("slow timeout", clock.now(), { timeoutMs: 20_000 });
    await addCheck("later", new Date(clock.now().getTime() + 60_000));
    const claimed = await claimDueChecks({ now: clock.now(), dueBy: clock.now(), limit: 10, maxTimeoutMs: 10_000 });
    expect(claimed.map((check) => check.name)).toEqual(["due"]);
    expect(claimed[0]!.nextCheckAt.getTime()).toBe(clock.now().getTime() + 120_000);
    const stored = await database.db.healthCheck.findUniqueOrThrow({ where: { id: due.id } });
    expect(stored.nextCheckAt.getTime()).toBe(clock.now().getTime() + 120_000);
    // Claimed means not due again until the next interval.
    expect(await claimDueChecks({ now: clock.now(), dueBy: clock.now(), limit: 10, maxTimeoutMs: 10_000 })).toEqual([]);
  });

  it("never hands the same check to two claimers at once", async () => {
    const clock = new TestClock();
    for (let i = 0; i < 12; i += 1) await addCheck(`check ${i}`, clock.now());
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimDueChecks({ now: clock.now(), dueBy: clock.now(), limit: 5, maxTimeoutMs: 10_000 })));
    const ids = claims.flat().map((check) => check.id);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});

describe("the health-checks tick task", () => {
  it("stores a sample per probe, opens one incident for an outage and resolves it when the check comes back", async () => {
    const clock = new TestClock();
    const check = await addCheck("api", clock.now());
    service.healthy = false;
    expect(await tick(clock.now())).toMatchObject({ probed: 1, down: 1, incidentsOpened: 1 });
    let row = await database.db.healthCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(row.state).toBe("down");
    expect(row.lastCheckedAt?.getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
    expect(await database.db.healthIncident.findMany({ where: { checkId: check.id } })).toMatchObject([{ reason: "answered 503, expected 2xx", resolvedAt: null }]);

    // Not due again within its interval.
    clock.advance(30);
    expect(await tick(clock.now())).toMatchObject({ probed: 0 });

    clock.advance(30);
    expect(await tick(clock.now())).toMatchObject({ probed: 1, down: 1, incidentsOpened: 0 });
    expect(await database.db.healthIncident.count()).toBe(1);

    service.healthy = true;
    clock.advance(60);
    expect(await tick(clock.now())).toMatchObject({ probed: 1, up: 1, incidentsResolved: 1 });
    row = await database.db.healthCheck.findUniqueOrThrow({ where: { id: check.id } });
    expect(row.state).toBe("up");
    const [incident] = await database.db.healthIncident.findMany({ where: { checkId: check.id } });
    expect(incident!.resolvedAt!.getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
    const samples = await database.db.healthSample.findMany({ where: { checkId: check.id }, orderBy: { createdAt: "asc" } });
    expect(samples.map((sample) => [sample.ok, sample.error])).toEqual([
      [false, "answered 503, expected 2xx"],
      [false, "answered 503, expected 2xx"],
      [true, null],
    ]);
    expect(samples[2]!.latencyMs).toEqual(expect.any(Number));
  });

  it("runs probes side by side, never more than four at once", async () => {
    const clock = new TestClock();
    for (let i = 0; i < 8; i += 1) await addCheck(`slow ${i}`, clock.now());
    service.delayMs = 400;
    const started = Date.now();
    expect(await tick(clock.now())).toMatchObject({ probed: 8, up: 8 });
    expect(service.maxInFlight).toBe(4);
    // Eight 400 ms probes on four lanes: two rounds, not eight.
    expect(Date.now() - started).toBeLessThan(8 * 400);
  });

  it("claims nothing whose timeout would outrun the tick's deadline, leaving it due for the next tick", async () => {
    const clock = new TestClock();
    const check = await addCheck("five second timeout", clock.now(), { timeoutMs: 5_000 });
    expect(await tick(clock.now(), 2_000)).toMatchObject({ probed: 0 });
    expect((await database.db.healthCheck.findUniqueOrThrow({ where: { id: check.id } })).nextCheckAt.getTime()).toBe(clock.now().getTime());
    expect(service.requests).toBe(0);
    expect(await tick(clock.now(), 10_000)).toMatchObject({ probed: 1 });
  });

  it("finishes by the deadline even when a probe hangs until its timeout", async () => {
    const clock = new TestClock();
    await addCheck("hangs", clock.now(), { timeoutMs: 500 });
    service.delayMs = 5_000;
    const started = Date.now();
    expect(await tick(clock.now(), 2_000)).toMatchObject({ probed: 1, down: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await database.db.healthSample.findFirst()).toMatchObject({ ok: false, error: "no answer within 500 ms (timeout)" });
  });

  it("is registered on the tick as health-checks", async () => {
    const clock = new TestClock();
    await addCheck("api", clock.now());
    const results = await runTickTasks({ deadlineAt: Date.now() + 10_000, clock, config: testConfig(), runner: "test" });
    expect(results["health-checks"]).toMatchObject({ ok: true, result: { probed: 1, up: 1 } });
  });
});
