import { describe, expect, it } from "vitest";
import { alertFacts, alertMatches, alertMatchSchema, DEFAULT_ROUTES, type AlertFacts } from "./match";

const classAFailure: AlertFacts = { type: "job.failed", severity: "error", tier: "prod", priorityClass: "A", environment: "production", namespace: "checkout", script: "restart-db-pool", level: null };
const monitorFailing: AlertFacts = { type: "monitor.failing", severity: "critical", tier: "prod" };
const nonprodBuild: AlertFacts = { type: "job.failed", severity: "warning", tier: "nonprod", priorityClass: "B", script: "fix-build-errors" };

const routeNamed = (name: string) => DEFAULT_ROUTES.find((route) => route.name.startsWith(name))!.match;

describe("alertMatches", () => {
  it("requires every field given and treats a field left out as any", () => {
    expect(alertMatches({}, classAFailure)).toBe(true);
    expect(alertMatches({ types: ["job.failed"], tiers: ["prod"], classes: ["A"] }, classAFailure)).toBe(true);
    expect(alertMatches({ types: ["job.failed"], tiers: ["prod"], classes: ["B"] }, classAFailure)).toBe(false);
    expect(alertMatches({ namespaces: ["billing"] }, classAFailure)).toBe(false);
    expect(alertMatches({ environments: ["production"], scripts: ["restart-db-pool"] }, classAFailure)).toBe(true);
  });

  it("does not match an event that lacks a field the route asks about", () => {
    expect(alertMatches({ classes: ["A"] }, monitorFailing)).toBe(false);
    expect(alertMatches({ levels: ["fatal"] }, classAFailure)).toBe(false);
  });

  it("lets through the minimum severity and everything above it", () => {
    expect(alertMatches({ minSeverity: "error" }, classAFailure)).toBe(true);
    expect(alertMatches({ minSeverity: "error" }, monitorFailing)).toBe(true);
    expect(alertMatches({ minSeverity: "error" }, nonprodBuild)).toBe(false);
  });

  it("routes as the strategy says: prod to Slack, critical prod to PagerDuty, nonprod to email, build failures to GitHub", () => {
    expect(alertMatches(routeNamed("Production → Slack"), classAFailure)).toBe(true);
    expect(alertMatches(routeNamed("Production → Slack"), nonprodBuild)).toBe(false);
    expect(alertMatches(routeNamed("Class A production job failed"), classAFailure)).toBe(true);
    expect(alertMatches(routeNamed("Class A production job failed"), { ...classAFailure, priorityClass: "B" })).toBe(false);
    expect(alertMatches(routeNamed("Production worker monitor failing"), monitorFailing)).toBe(true);
    expect(alertMatches(routeNamed("Non-production → email"), nonprodBuild)).toBe(true);
    expect(alertMatches(routeNamed("Build failures"), nonprodBuild)).toBe(true);
    expect(alertMatches(routeNamed("Build failures"), classAFailure)).toBe(false);
  });
});

describe("alertMatchSchema", () => {
  it("names the field that is wrong", () => {
    const wrong = alertMatchSchema.safeParse({ tiers: ["staging"], types: ["job.exploded"], colour: "red" });
    expect(wrong.success).toBe(false);
    const paths = wrong.error!.issues.map((issue) => issue.path.join(".") || issue.code);
    expect(paths).toEqual(expect.arrayContaining(["tiers.0", "types.0", "unrecognized_keys"]));
    expect(alertMatchSchema.safeParse({ namespaces: [] }).error!.issues[0]!.message).toMatch(/at least one namespace/);
  });
});

describe("alertFacts", () => {
  it("reads the routed fields from an event's data and ignores the rest", () => {
    expect(alertFacts({ type: "remediation.ineffective", severity: "error", tier: "prod", data: { priorityClass: "A", namespace: "api", script: "restart-service", level: "fatal", environment: "production", jobId: "j1", reason: 3 } })).toEqual({
      type: "remediation.ineffective",
      severity: "error",
      tier: "prod",
      priorityClass: "A",
      environment: "production",
      namespace: "api",
      script: "restart-service",
      level: "fatal",
    });
    expect(alertFacts({ type: "health.down", severity: "error", tier: null, data: null })).toMatchObject({ priorityClass: null, namespace: null });
  });
});
