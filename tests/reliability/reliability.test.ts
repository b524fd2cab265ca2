// The reliability suite: what the product promises, under load, faults and hostile input.
// One production server on a private PostgreSQL for all scenarios; a summary table at the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReliabilityApp, type ReliabilityApp } from "./support/app";
import { duplicateStorm, webhookStormWithRestarts } from "./webhook-storms";

let app: ReliabilityApp;
const summary: { scenario: string; figures: string; verdict: string }[] = [];
const record = (scenario: string, figures: string, passed: boolean) => summary.push({ scenario, figures, verdict: passed ? "pass" : "FAIL" });

beforeAll(async () => {
  app = await startReliabilityApp();
});

afterAll(async () => {
  await app?.stop();
  const width = Math.max(...summary.map((row) => row.scenario.length), 8);
  console.log(["", "Reliability summary", `${"scenario".padEnd(width)}  verdict  figures`, ...summary.map((row) => `${row.scenario.padEnd(width)}  ${row.verdict.padEnd(7)}  ${row.figures}`)].join("\n"));
});

describe("reliability", () => {
  it("1. webhook storm with PostgreSQL restarts: every delivery is stored or answered 503; none acknowledged and lost", async () => {
    const result = await webhookStormWithRestarts(app, { deliveries: Number(process.env.RELIABILITY_STORM_DELIVERIES ?? 5000), concurrency: 100 });
    const passed = result.acknowledgedButLost === 0 && result.storedAsFailed === 0 && Object.keys(result.other).length === 0 && result.issuesStored === result.sent && result.restarts.length === 2;
    record(
      "1 webhook storm + 2 PG restarts",
      `${result.sent} sent at c=100 in ${result.seconds.toFixed(1)} s: ${result.acknowledged} stored, ${result.unavailable} answered 503, other ${JSON.stringify(result.other)}, acknowledged-then-lost ${result.acknowledgedButLost}, stored unapplied ${result.storedAsFailed}; after re-sending the 503s (${result.retriesNeeded} sends) ${result.issuesStored}/${result.sent} issues stored`,
      passed,
    );
    expect(result.restarts).toHaveLength(2);
    expect(result.other).toEqual({});
    expect(result.acknowledgedButLost).toBe(0);
    expect(result.storedAsFailed).toBe(0);
    expect(result.issuesStored).toBe(result.sent);
  });

  it("2. duplicate storm: one issue delivered 200 times at once makes exactly one job", async () => {
    const result = await duplicateStorm(app, 200);
    const passed = result.identical.jobs === 1 && result.varied.jobs === 1 && result.identical.applied === 1;
    record(
      "2 duplicate storm",
      `identical ×${result.identical.sent}: ${JSON.stringify(result.identical.statuses)}, applied ${result.identical.applied}, jobs ${result.identical.jobs}; varied ×${result.varied.sent}: ${JSON.stringify(result.varied.statuses)}, jobs ${result.varied.jobs}`,
      passed,
    );
    expect(result.identical.statuses).toEqual({ 200: 200 });
    expect(result.identical.applied).toBe(1);
    expect(result.identical.jobs).toBe(1);
    expect(result.varied.jobs).toBe(1);
  });
});
