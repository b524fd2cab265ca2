import { describe, expect, it } from "vitest";
import { issueCreatedAlert, metricAlertAlert, tierOfEnvironment } from "./sentry-events";

describe("Sentry's events as alerts", () => {
  it("takes the tier from the environment's name", () => {
    expect([tierOfEnvironment("production"), tierOfEnvironment("Prod"), tierOfEnvironment("staging"), tierOfEnvironment(null)]).toEqual(["prod", "prod", "nonprod", null]);
  });

  it("announces a new issue with its level as severity, for routes that filter by level", () => {
    expect(issueCreatedAlert({ id: "i1", title: "OutOfMemoryError", shortId: "WORKER-9", level: "fatal", environment: "production" })).toMatchObject({
      type: "issue.created",
      groupKey: "issue:i1",
      severity: "critical",
      tier: "prod",
      title: "New fatal issue WORKER-9: OutOfMemoryError",
      data: { level: "fatal", environment: "production" },
    });
  });

  it("opens a metric alert on critical or warning and resolves the same incident", () => {
    const change = { incidentId: "inc-1", title: "p95 latency", projects: ["web"] };
    expect(metricAlertAlert({ ...change, status: "critical" })).toMatchObject({ groupKey: "metric-alert:inc-1", severity: "critical", resolves: false });
    expect(metricAlertAlert({ ...change, status: "resolved" })).toMatchObject({ groupKey: "metric-alert:inc-1", resolves: true });
    expect(metricAlertAlert({ ...change, status: "closed" })).toBeNull();
  });
});
