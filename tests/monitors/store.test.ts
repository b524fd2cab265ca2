import { describe, expect, it } from "vitest";
import { evaluateMonitors, parseCheckIn, recordCheckIn, type CheckInRequest } from "@/lib/monitors";
import { withTestDatabase } from "../support/database";

const testDatabase = withTestDatabase({ truncateEach: true });

const at = (iso: string) => new Date(iso);
const HTTP = { source: "http" };

function checkIn(slug: string, query: Record<string, string>, body?: unknown): CheckInRequest {
  const parsed = parseCheckIn(slug, query, body);
  if (!parsed.ok) throw new Error(`${parsed.field}: ${parsed.message}`);
  return parsed.value;
}

const hourly = { schedule: { type: "crontab", value: "0 * * * *" }, checkin_margin: 5, max_runtime: 10, failure_issue_threshold: 2, recovery_threshold: 2 };

async function checkInsOf(slug: string) {
  return testDatabase().db.monitorCheckIn.findMany({ where: { monitor: { slug } }, orderBy: { startedAt: "asc" } });
}

describe("recordCheckIn", () => {
  it("creates the monitor on its first upsert, then finishes the run under the same check-in id", async () => {
    const started = await recordCheckIn(checkIn("nightly", {}, { status: "in_progress", check_in_id: "a460c25ff2554577b920fcfacae4e5eb", monitor_config: hourly }), { ...HTTP, now: at("2026-11-24T10:00:10Z") });
    expect(started.createdMonitor).toBe(true);
    const monitor = await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug: "nightly" } });
    expect(monitor).toMatchObject({ scheduleType: "crontab", schedule: "0 * * * *", checkinMarginMinutes: 5, maxRuntimeMinutes: 10, failureIssueThreshold: 2, kind: "external" });
    expect(monitor.nextExpectedAt?.toISOString()).toBe("2026-11-24T11:00:00.000Z");

    const finished = await recordCheckIn(checkIn("nightly", { status: "ok", check_in_id: "a460c25f-f255-4577-b920-fcfacae4e5eb" }), { ...HTTP, now: at("2026-11-24T10:02:10Z") });
    expect(finished.createdMonitor).toBe(false);
    expect(finished.checkIn).toMatchObject({ checkInId: "a460c25ff2554577b920fcfacae4e5eb", status: "ok", durationMs: 120_000 });
    expect(finished.monitor.status).toBe("ok");
    const rows = await checkInsOf("nightly");
    expect(rows).toHaveLength(1);
    // Finishing a run does not move the schedule; starting one did.
    expect((await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug: "nightly" } })).nextExpectedAt?.toISOString()).toBe("2026-11-24T11:00:00.000Z");
  });

  it("refuses a check-in for an unknown monitor without monitor_config, storing nothing", async () => {
    await expect(recordCheckIn(checkIn("ghost", { status: "ok" }), HTTP)).rejects.toMatchObject({ code: "not_found", details: { field: "monitor_slug" } });
    expect(await testDatabase().db.monitor.count()).toBe(0);
  });

  it("closes the latest open run for a finish without an id, or with the nil UUID", async () => {
    await recordCheckIn(checkIn("job", {}, { status: "in_progress", monitor_config: hourly }), { ...HTTP, now: at("2026-11-24T10:00:00Z") });
    const done = await recordCheckIn(checkIn("job", { status: "error", duration: "42" }), { ...HTTP, now: at("2026-11-24T10:01:00Z") });
    expect(done.checkIn).toMatchObject({ status: "error", durationMs: 42_000 });
    expect(await checkInsOf("job")).toHaveLength(1);
    await recordCheckIn(checkIn("job", { status: "in_progress" }), { ...HTTP, now: at("2026-11-24T11:00:00Z") });
    await recordCheckIn(checkIn("job", { status: "ok", check_in_id: "00000000-0000-0000-0000-000000000000" }), { ...HTTP, now: at("2026-11-24T11:00:30Z") });
    expect((await checkInsOf("job")).map((row) => row.status)).toEqual(["error", "ok"]);
  });

  it("records a heartbeat ok without a prior in_progress, dated back by its duration", async () => {
    await recordCheckIn(checkIn("beat", {}, { status: "ok", duration: 30, monitor_config: { schedule: { type: "interval", value: 5, unit: "minute" } } }), { ...HTTP, now: at("2026-11-24T10:00:30Z") });
    const [row] = await checkInsOf("beat");
    expect(row).toMatchObject({ status: "ok", durationMs: 30_000 });
    expect(row!.startedAt.toISOString()).toBe("2026-11-24T10:00:00.000Z");
  });

  it("refuses to finish a run twice (409 naming check_in_id) and keeps the first outcome", async () => {
    const id = "b460c25ff2554577b920fcfacae4e5eb";
    await recordCheckIn(checkIn("twice", {}, { status: "in_progress", check_in_id: id, monitor_config: hourly }), HTTP);
    await recordCheckIn(checkIn("twice", { status: "ok", check_in_id: id }), HTTP);
    await expect(recordCheckIn(checkIn("twice", { status: "error", check_in_id: id }), HTTP)).rejects.toMatchObject({ code: "conflict", details: { field: "check_in_id" } });
    expect((await checkInsOf("twice"))[0]!.status).toBe("ok");
  });

  it("updates the monitor's config on a later upsert", async () => {
    await recordCheckIn(checkIn("cfg", {}, { status: "ok", monitor_config: hourly }), HTTP);
    await recordCheckIn(checkIn("cfg", {}, { status: "ok", monitor_config: { schedule: { type: "interval", value: 10, unit: "minute" }, checkin_margin: 3 } }), HTTP);
    expect(await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug: "cfg" } })).toMatchObject({ scheduleType: "interval", schedule: "10 minute", checkinMarginMinutes: 3, maxRuntimeMinutes: 30 });
  });

  it("creates one monitor when first check-ins race", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) => recordCheckIn(checkIn("race", {}, { status: "ok", check_in_id: `${index}`.padStart(32, "c"), monitor_config: hourly }), HTTP)),
    );
    expect(results.filter((result) => result.createdMonitor)).toHaveLength(1);
    expect(await testDatabase().db.monitor.count({ where: { slug: "race" } })).toBe(1);
    expect(await testDatabase().db.monitorCheckIn.count()).toBe(8);
  });

  it("ignores check-ins for a disabled monitor", async () => {
    await recordCheckIn(checkIn("off", {}, { status: "ok", monitor_config: hourly }), HTTP);
    await testDatabase().db.monitor.update({ where: { slug: "off" }, data: { status: "disabled" } });
    const result = await recordCheckIn(checkIn("off", { status: "error" }), HTTP);
    expect(result.ignored).toBe(true);
    expect(await testDatabase().db.monitorCheckIn.count()).toBe(1);
  });
});

describe("evaluateMonitors (the tick's missed and timeout detection)", () => {
  it("records a MISSED check-in once now passes expected + margin, not before", async () => {
    await recordCheckIn(checkIn("hourly", {}, { status: "ok", monitor_config: hourly }), { ...HTTP, now: at("2026-11-24T10:00:00Z") });
    expect(await evaluateMonitors(at("2026-11-24T11:05:00Z"))).toMatchObject({ missed: 0 });
    const summary = await evaluateMonitors(at("2026-11-24T11:05:01Z"));
    expect(summary).toMatchObject({ missed: 1, timedOut: 0 });
    const rows = await checkInsOf("hourly");
    expect(rows.map((row) => [row.status, row.startedAt.toISOString()])).toEqual([
      ["ok", "2026-11-24T10:00:00.000Z"],
      ["missed", "2026-11-24T11:00:00.000Z"],
    ]);
    const monitor = await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug: "hourly" } });
    expect(monitor.status).toBe("missed");
    expect(monitor.nextExpectedAt?.toISOString()).toBe("2026-11-24T12:00:00.000Z");
    // Evaluating again at the same time changes nothing: idempotent.
    expect(await evaluateMonitors(at("2026-11-24T11:05:01Z"))).toMatchObject({ missed: 0 });
  });

  it("times out an in_progress run after max_runtime and refuses its late finish", async () => {
    const id = "d460c25ff2554577b920fcfacae4e5eb";
    await recordCheckIn(checkIn("slow", {}, { status: "in_progress", check_in_id: id, monitor_config: hourly }), { ...HTTP, now: at("2026-11-24T10:00:00Z") });
    expect(await evaluateMonitors(at("2026-11-24T10:10:00Z"))).toMatchObject({ timedOut: 0 });
    expect(await evaluateMonitors(at("2026-11-24T10:10:01Z"))).toMatchObject({ timedOut: 1 });
    const [row] = await checkInsOf("slow");
    expect(row).toMatchObject({ status: "timeout", durationMs: 600_000 });
    expect((await testDatabase().db.monitor.findUniqueOrThrow({ where: { slug: "slow" } })).status).toBe("timeout");
    await expect(recordCheckIn(checkIn("slow", { status: "ok", check_in_id: id }), HTTP)).rejects.toMatchObject({ code: "conflict" });
  });

  it("opens an incident after failure_issue_threshold failures and resolves it after recovery_threshold oks", async () => {
    const every5 = { schedule: { type: "interval", value: 5, unit: "minute" }, checkin_margin: 1, failure_issue_threshold: 2, recovery_threshold: 2 };
    await recordCheckIn(checkIn("flaky", {}, { status: "error", monitor_config: every5 }), { ...HTTP, now: at("2026-11-24T10:00:00Z") });
    expect(await testDatabase().db.monitorIncident.count()).toBe(0);
    // The next run never comes: the missed check-in is the second failure in a row.
    const evaluated = await evaluateMonitors(at("2026-11-24T10:06:30Z"));
    expect(evaluated).toMatchObject({ missed: 1, incidentsOpened: 1 });
    const [incident] = await testDatabase().db.monitorIncident.findMany();
    expect(incident).toMatchObject({ failureCount: 2, resolvedAt: null });
    expect(incident!.reason).toBe("2 consecutive failed check-ins (1 missed, 1 failed)");

    const first = await recordCheckIn(checkIn("flaky", { status: "ok" }), { ...HTTP, now: at("2026-11-24T10:07:00Z") });
    expect(first.incident).toBe("none");
    const second = await recordCheckIn(checkIn("flaky", { status: "ok" }), { ...HTTP, now: at("2026-11-24T10:12:00Z") });
    expect(second.incident).toBe("resolve");
    expect((await testDatabase().db.monitorIncident.findFirstOrThrow()).resolvedAt?.toISOString()).toBe("2026-11-24T10:12:00.000Z");
  });

  it("leaves disabled monitors alone", async () => {
    await recordCheckIn(checkIn("paused", {}, { status: "ok", monitor_config: hourly }), { ...HTTP, now: at("2026-11-24T10:00:00Z") });
    await testDatabase().db.monitor.update({ where: { slug: "paused" }, data: { status: "disabled" } });
    expect(await evaluateMonitors(at("2026-11-25T10:00:00Z"))).toMatchObject({ monitors: 0, missed: 0 });
  });
});
