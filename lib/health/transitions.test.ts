import { describe, expect, it } from "vitest";
import { nextHealthState } from "./transitions";

const up = { ok: true, latencyMs: 12 };
const down = { ok: false, latencyMs: null, error: "connection refused by db:5432" };

describe("nextHealthState", () => {
  it("opens an incident with the probe's reason when a check goes down, from up or from unknown", () => {
    expect(nextHealthState("up", down)).toEqual({ state: "down", incident: { action: "open", reason: "connection refused by db:5432" } });
    expect(nextHealthState("unknown", down)).toEqual({ state: "down", incident: { action: "open", reason: "connection refused by db:5432" } });
  });

  it("keeps one incident through a long outage", () => {
    expect(nextHealthState("down", down)).toEqual({ state: "down", incident: { action: "none" } });
  });

  it("resolves the incident when a down check comes back up, and does nothing for up to up", () => {
    expect(nextHealthState("down", up)).toEqual({ state: "up", incident: { action: "resolve" } });
    expect(nextHealthState("up", up)).toEqual({ state: "up", incident: { action: "none" } });
    expect(nextHealthState("unknown", up)).toEqual({ state: "up", incident: { action: "none" } });
  });

  it("gives an incident a reason even when the probe gave none", () => {
    expect(nextHealthState("up", { ok: false, latencyMs: null, error: "  " })).toMatchObject({ incident: { action: "open", reason: "The probe failed without a reason." } });
  });
});
