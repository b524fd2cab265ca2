import { describe, expect, it } from "vitest";
import { checkInFixture, loadCheckInFixtures } from "@/tests/support/sentry-checkins";
import { parseCheckIn } from "./checkin-input";

describe("parseCheckIn against the repository's check-in items (Relay's shapes)", () => {
  const items = loadCheckInFixtures();

  it("has valid and invalid items to check", () => {
    expect(items.filter((item) => item.valid).length).toBeGreaterThan(0);
    expect(items.filter((item) => !item.valid).length).toBeGreaterThan(0);
  });

  for (const item of items) {
    it(`${item.valid ? "accepts" : "refuses"} ${item.name}`, () => {
      const result = parseCheckIn(String(item.body.monitor_slug ?? ""), {}, item.body);
      expect(result.ok).toBe(item.valid);
    });
  }

  it("keeps a crontab upsert's config, with no warning for a known timezone", () => {
    const body = checkInFixture("valid-upsert-crontab.json") as { check_in_id: string; monitor_slug: string; monitor_config: Record<string, unknown> };
    const config = body.monitor_config;
    const result = parseCheckIn(body.monitor_slug, {}, body);
    expect(result).toEqual({
      ok: true,
      value: {
        slug: body.monitor_slug,
        status: "in_progress",
        checkInId: body.check_in_id,
        environment: "production",
        durationMs: undefined,
        monitorConfig: { schedule: config.schedule, checkinMargin: config.checkin_margin, maxRuntime: config.max_runtime, timezone: config.timezone, failureIssueThreshold: config.failure_issue_threshold, recoveryThreshold: config.recovery_threshold },
        warnings: [],
      },
    });
  });

  it("keeps an interval upsert's config, filling in Sentry's default timezone", () => {
    const body = checkInFixture("valid-upsert-interval.json") as { monitor_slug: string; monitor_config: { schedule: unknown } };
    const result = parseCheckIn(body.monitor_slug, {}, body);
    expect(result.ok && result.value.monitorConfig).toMatchObject({ schedule: body.monitor_config.schedule, timezone: "UTC" });
  });

  it("warns about a timezone it does not know, and computes that schedule in UTC", () => {
    const body = checkInFixture("valid-upsert-crontab.json") as { monitor_slug: string; monitor_config: Record<string, unknown> };
    const result = parseCheckIn(body.monitor_slug, {}, { ...body, monitor_config: { ...body.monitor_config, timezone: "America/Los_Angles" } });
    expect(result.ok && result.value.warnings).toEqual([expect.stringMatching(/America\/Los_Angles.*UTC/)]);
  });

  it("reads a finished check-in's duration in seconds, and the nil check-in id as the latest open one", () => {
    const finished = checkInFixture("valid-finished-ok.json") as { monitor_slug: string; duration: number; environment: string };
    expect(parseCheckIn(finished.monitor_slug, {}, finished)).toMatchObject({ ok: true, value: { status: "ok", durationMs: Math.round(finished.duration * 1000), environment: finished.environment } });
    const failed = checkInFixture("valid-error-latest-open.json") as { monitor_slug: string };
    expect(parseCheckIn(failed.monitor_slug, {}, failed)).toMatchObject({ ok: true, value: { status: "error", checkInId: "latest" } });
  });

  it("names the field of an invalid item", () => {
    const empty = checkInFixture("invalid-empty-slug.json");
    expect(parseCheckIn("", {}, empty)).toMatchObject({ ok: false, field: "monitor_slug" });
    const long = checkInFixture("invalid-environment-too-long.json");
    expect(parseCheckIn(String(long.monitor_slug), {}, long)).toMatchObject({ ok: false, field: "environment" });
  });
});

describe("parseCheckIn from query strings (Sentry's curl examples)", () => {
  it("reads status, check_in_id, environment and duration in seconds", () => {
    const result = parseCheckIn("nightly-backup", { status: "ok", check_in_id: "A460C25F-F255-4577-B920-FCFACAE4E5EB", environment: "staging", duration: "12.5" }, undefined);
    expect(result).toEqual({ ok: true, value: { slug: "nightly-backup", status: "ok", checkInId: "a460c25ff2554577b920fcfacae4e5eb", environment: "staging", durationMs: 12_500, monitorConfig: undefined, warnings: [] } });
  });

  it("reads the nil UUID and 'latest' as the latest open check-in", () => {
    const nil = parseCheckIn("job", { status: "ok", check_in_id: "00000000-0000-0000-0000-000000000000" }, undefined);
    expect(nil.ok && nil.value.checkInId).toBe("latest");
    const latest = parseCheckIn("job", { status: "ok", check_in_id: "latest" }, undefined);
    expect(latest.ok && latest.value.checkInId).toBe("latest");
  });

  it.each([
    [{ status: "done" }, "status"],
    [{}, "status"],
    [{ status: "ok", environment: "x".repeat(65) }, "environment"],
    [{ status: "ok", environment: "prod/eu" }, "environment"],
    [{ status: "ok", check_in_id: "not-a-uuid" }, "check_in_id"],
    [{ status: "ok", duration: "soon" }, "duration"],
    [{ status: "ok", duration: "-1" }, "duration"],
  ])("refuses %j naming %s", (query, field) => {
    expect(parseCheckIn("job", query as Record<string, string>, undefined)).toMatchObject({ ok: false, field });
  });

  it.each([["UPPER"], ["12345"], ["a".repeat(51)], ["with space"]])("refuses the slug %s", (slug) => {
    expect(parseCheckIn(slug, { status: "ok" }, undefined)).toMatchObject({ ok: false, field: "monitor_slug" });
  });
});

describe("parseCheckIn monitor_config", () => {
  const upsert = (config: Record<string, unknown>) => parseCheckIn("job", {}, { status: "in_progress", monitor_config: config });

  it("applies Sentry's defaults", () => {
    const result = upsert({ schedule: { type: "interval", value: 5, unit: "minute" } });
    expect(result.ok && result.value.monitorConfig).toEqual({ schedule: { type: "interval", value: 5, unit: "minute" }, checkinMargin: 1, maxRuntime: 30, timezone: "UTC", failureIssueThreshold: 1, recoveryThreshold: 1 });
  });

  it.each([
    [{ schedule: { type: "crontab", value: "* * *" } }, "monitor_config.schedule.value"],
    [{ schedule: { type: "interval", value: 5, unit: "fortnight" } }, "monitor_config.schedule.unit"],
    [{ schedule: { type: "weekly" } }, "monitor_config.schedule.type"],
    [{ schedule: { type: "interval", value: 1, unit: "day" }, checkin_margin: 0 }, "monitor_config.checkin_margin"],
    [{ schedule: { type: "interval", value: 1, unit: "day" }, failure_issue_threshold: 721 }, "monitor_config.failure_issue_threshold"],
    [{ schedule: { type: "interval", value: 1, unit: "day" }, recovery_threshold: 0 }, "monitor_config.recovery_threshold"],
    [{}, "monitor_config.schedule"],
  ])("refuses %j naming %s", (config, field) => {
    expect(upsert(config)).toMatchObject({ ok: false, field });
  });

  it("refuses a body slug that differs from the URL's", () => {
    expect(parseCheckIn("job", {}, { status: "ok", monitor_slug: "other" })).toMatchObject({ ok: false, field: "monitor_slug" });
  });
});
