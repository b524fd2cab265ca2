import { describe, expect, it } from "vitest";
import { JOB_STATUSES } from "./model";
import { IllegalTransition, nextStatus, statusesAllowing, type JobEvent } from "./transitions";

describe("job state machine", () => {
  it("follows the happy paths", () => {
    expect(nextStatus("queued", "claim")).toBe("running");
    expect(nextStatus("running", "succeed")).toBe("succeeded");
    expect(nextStatus("awaiting_approval", "approve")).toBe("queued");
    expect(nextStatus("running", "retry_later")).toBe("queued");
  });

  it("refuses to leave a terminal state by any event", () => {
    const events: JobEvent[] = ["approve", "reject", "claim", "succeed", "fail", "retry_later", "time_out", "cancel", "cancelled_while_running", "release"];
    for (const terminal of ["succeeded", "failed", "timed_out", "cancelled"] as const) {
      for (const event of events) expect(() => nextStatus(terminal, event)).toThrow(IllegalTransition);
    }
  });

  it("does not let a job awaiting approval be claimed or a queued one be approved", () => {
    expect(() => nextStatus("awaiting_approval", "claim")).toThrow(/awaiting approval job cannot claim/);
    expect(() => nextStatus("queued", "approve")).toThrow(IllegalTransition);
  });

  it("cancels waiting jobs at once but a running one only through its worker", () => {
    expect(nextStatus("queued", "cancel")).toBe("cancelled");
    expect(nextStatus("awaiting_approval", "cancel")).toBe("cancelled");
    expect(() => nextStatus("running", "cancel")).toThrow(IllegalTransition);
    expect(nextStatus("running", "cancelled_while_running")).toBe("cancelled");
  });

  it("lists the statuses an event is allowed from, for SQL guards", () => {
    expect(statusesAllowing("cancel").sort()).toEqual(["awaiting_approval", "queued"]);
    for (const status of JOB_STATUSES) {
      const allowed = statusesAllowing("claim").includes(status);
      expect(allowed).toBe(status === "queued");
    }
  });
});
