import { describe, expect, it } from "vitest";
import { monitorAlerts } from "./alerts";

const worker = { slug: "batch-worker-prod", name: "Batch worker (prod)" };

describe("monitorAlerts", () => {
  it("announces missed runs and timeouts, each in its own group", () => {
    expect(monitorAlerts(worker, { missed: 3, timedOut: 1, incident: "none" }, "prod").map((alert) => [alert.type, alert.groupKey, alert.severity, alert.title])).toEqual([
      ["monitor.missed", "monitor:batch-worker-prod:missed", "error", "Batch worker (prod) missed 3 check-ins"],
      ["monitor.timeout", "monitor:batch-worker-prod:timeout", "error", "Batch worker (prod) ran past its maximum runtime"],
    ]);
  });

  it("pages when a production worker starts failing and resolves the same group when it recovers", () => {
    const failing = monitorAlerts(worker, { missed: 1, timedOut: 0, incident: "open", reason: "2 missed in a row" }, "prod");
    expect(failing.at(-1)).toMatchObject({ type: "monitor.failing", groupKey: "monitor:batch-worker-prod", severity: "critical", title: "Batch worker (prod) is failing: 2 missed in a row" });
    expect(monitorAlerts(worker, { missed: 0, timedOut: 0, incident: "resolve" }, "prod")).toEqual([expect.objectContaining({ type: "monitor.recovered", groupKey: "monitor:batch-worker-prod", resolves: true })]);
  });

  it("keeps other tiers and outside monitors below paging", () => {
    expect(monitorAlerts({ slug: "nightly-export", name: "Nightly export" }, { missed: 1, timedOut: 0, incident: "open" }, null).map((alert) => alert.severity)).toEqual(["warning", "error"]);
    expect(monitorAlerts(worker, { missed: 0, timedOut: 0, incident: "none" }, "nonprod")).toEqual([]);
  });
});
