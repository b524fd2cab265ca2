import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCheckIn } from "./checkin-input";

const FIXTURES = join(process.cwd(), "..", "shared", "fixtures", "sentry", "checkins");

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
}

describe("parseCheckIn against Relay's own check-in fixtures", () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));

  it("has fixtures to check", () => {
    expect(files.filter((name) => name.startsWith("valid-")).length).toBeGreaterThan(0);
    expect(files.filter((name) => name.startsWith("invalid-")).length).toBeGreaterThan(0);
  });

  for (const name of files) {
    it(`${name.startsWith("valid-") ? "accepts" : "refuses"} ${name}`, () => {
      const body = fixture(name);
      const result = parseCheckIn(String(body.monitor_slug ?? ""), {}, body);
      expect(result.ok).toBe(name.startsWith("valid-"));
    });
  }

  it("keeps the upsert's config, and warns about a timezone it computes in UTC", () => {
    const result = parseCheckIn("my-monitor", {}, fixture("valid-relay-upsert-crontab-full-1.json"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      status: "in_progress",
      checkInId: "a460c25ff2554577b920fcfacae4e5eb",
      environment: "production",
      monitorConfig: { schedule: { type: "crontab", value: "0 * * * *" }, checkinMargin: 5, maxRuntime: 10, timezone: "America/Los_Angles", failureIssueThreshold: 3, recoveryThreshold: 1 },
    });
    expect(result.value.warnings[0]).toMatch(/America\/Los_Angles/);
  });

  it("names the field of an invalid fixture", () => {
    const empty = parseCheckIn("", {}, fixture("invalid-relay-empty-slug-1.json"));
    expect(empty).toMatchObject({ ok: false, field: "monitor_slug" });
    const long = fixture("invalid-relay-environment-too-long-1.json");
    expect(parseCheckIn("test", {}, long)).toMatchObject({ ok: false, field: "environment" });
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
