import { describe, expect, it } from "vitest";
import { eventTags, exceptionHeadline, mergeTimeline, sentryIssueUrl, topInAppFrames } from "./detail-view";

function frame(name: string, inApp: boolean, extra: Record<string, unknown> = {}) {
  return { function: name, filename: `src/${name}.ts`, module: `app.${name}`, lineno: 10, colno: 3, context_line: `  ${name}();  `, in_app: inApp, ...extra };
}

describe("topInAppFrames", () => {
  it("lists in-app frames crashing frame first, skipping library frames", () => {
    const exception = { values: [{ type: "TypeError", value: "x is undefined", stacktrace: { frames: [frame("main", true), frame("lib", false), frame("handler", true), frame("crash", true)] } }] };
    const top = topInAppFrames(exception);
    expect(top.inAppOnly).toBe(true);
    expect(top.frames.map((f) => f.function)).toEqual(["crash", "handler", "main"]);
    expect(top.frames[0]).toEqual({ function: "crash", filename: "src/crash.ts", module: "app.crash", lineno: 10, colno: 3, contextLine: "crash();", inApp: true });
  });

  it("reads the raised exception before the ones that caused it", () => {
    const exception = {
      values: [
        { type: "CauseError", stacktrace: { frames: [frame("cause", true)] } },
        { type: "RaisedError", stacktrace: { frames: [frame("raised", true)] } },
      ],
    };
    expect(topInAppFrames(exception).frames.map((f) => f.function)).toEqual(["raised", "cause"]);
  });

  it("keeps at most the limit", () => {
    const frames = Array.from({ length: 20 }, (_, i) => frame(`f${i}`, true));
    const top = topInAppFrames({ values: [{ stacktrace: { frames } }] }, 8);
    expect(top.frames).toHaveLength(8);
    expect(top.frames[0]!.function).toBe("f19");
  });

  it("falls back to the innermost frames when none is in-app, and says so", () => {
    const top = topInAppFrames({ values: [{ stacktrace: { frames: [frame("outer", false), frame("inner", false)] } }] });
    expect(top).toMatchObject({ inAppOnly: false, frames: [{ function: "inner" }, { function: "outer" }] });
  });

  it("uses module or abs_path when a frame has no filename, and raw_function when it has no function", () => {
    const top = topInAppFrames({ values: [{ stacktrace: { frames: [{ in_app: true, module: "com.example.Job", raw_function: "run$1", lineno: 7 }] } }] });
    expect(top.frames[0]).toMatchObject({ function: "run$1", filename: "com.example.Job", module: "com.example.Job", lineno: 7, contextLine: null });
  });

  it("returns no frames for missing or malformed exceptions instead of throwing", () => {
    for (const value of [null, undefined, "boom", 42, {}, { values: null }, { values: [null, { stacktrace: { frames: "nope" } }] }]) {
      expect(topInAppFrames(value)).toEqual({ frames: [], inAppOnly: false });
    }
  });

  it("accepts a bare array of exception values", () => {
    expect(topInAppFrames([{ stacktrace: { frames: [frame("bare", true)] } }]).frames[0]!.function).toBe("bare");
  });
});

describe("exceptionHeadline", () => {
  it("names the exception finally raised", () => {
    expect(exceptionHeadline({ values: [{ type: "Cause", value: "a" }, { type: "ReferenceError", value: "blooopy is not defined" }] })).toEqual({
      type: "ReferenceError",
      value: "blooopy is not defined",
    });
    expect(exceptionHeadline(null)).toBeNull();
    expect(exceptionHeadline({ values: [{}] })).toBeNull();
  });
});

describe("eventTags", () => {
  it("reads a record, Sentry's pairs and key/value objects alike, sorted by key", () => {
    const expected = [
      { key: "browser", value: "Chrome" },
      { key: "level", value: "error" },
    ];
    expect(eventTags({ level: "error", browser: "Chrome" })).toEqual(expected);
    expect(eventTags([["level", "error"], ["browser", "Chrome"]])).toEqual(expected);
    expect(eventTags([{ key: "level", value: "error" }, { key: "browser", value: "Chrome" }])).toEqual(expected);
    expect(eventTags(null)).toEqual([]);
    expect(eventTags([["n", null], 5])).toEqual([{ key: "n", value: "" }]);
  });
});

describe("mergeTimeline", () => {
  const at = (iso: string) => new Date(iso);
  it("interleaves deliveries and entries oldest first, a delivery before the entry it caused", () => {
    const items = mergeTimeline(
      [
        { id: "e1", kind: "created", actor: "sentry", summary: "Issue first reported", data: null, deliveryId: "d1", jobId: null, occurredAt: at("2025-01-01T10:00:00Z") },
        { id: "e2", kind: "comment", actor: "ada", summary: "Looking", data: null, deliveryId: null, jobId: null, occurredAt: at("2025-01-01T09:00:00Z") },
      ],
      [
        { id: "d1", resource: "issue", action: "created", status: "processed", error: null, receivedAt: at("2025-01-01T10:00:00Z") },
        { id: "d2", resource: "issue", action: "resolved", status: "failed", error: "bad body", receivedAt: at("2025-01-01T11:00:00Z") },
      ],
    );
    expect(items.map((item) => item.id)).toEqual(["e2", "d1", "e1", "d2"]);
    expect(items[3]).toMatchObject({ kind: "delivery", summary: "Webhook issue.resolved", status: "failed", error: "bad body", deliveryId: "d2" });
  });

  it("puts an entry right after the delivery that caused it, even when Sentry's send time is earlier than the arrival", () => {
    const items = mergeTimeline(
      [{ id: "e1", kind: "created", actor: "sentry", summary: "Issue first reported", data: null, deliveryId: "d1", jobId: null, occurredAt: at("2025-01-01T10:00:00Z") }],
      [{ id: "d1", resource: "issue", action: "created", status: "processed", error: null, receivedAt: at("2025-01-01T10:00:00.640Z") }],
    );
    expect(items.map((item) => item.id)).toEqual(["d1", "e1"]);
    expect(items[1]!.at).toBe("2025-01-01T10:00:00.000Z");
  });
});

describe("sentryIssueUrl", () => {
  it("prefers the permalink Sentry sent, else builds one for sentry.io or a self-hosted Sentry", () => {
    expect(sentryIssueUrl({ sentryId: "1", permalink: "https://org.sentry.io/issues/1/" }, { apiBaseUrl: "https://sentry.io" })).toBe("https://org.sentry.io/issues/1/");
    expect(sentryIssueUrl({ sentryId: "1", permalink: null }, { apiBaseUrl: "https://sentry.io", organization: "acme" })).toBe("https://acme.sentry.io/issues/1/");
    expect(sentryIssueUrl({ sentryId: "1", permalink: null }, { apiBaseUrl: "https://sentry.internal:9000", organization: "acme" })).toBe(
      "https://sentry.internal:9000/organizations/acme/issues/1/",
    );
    expect(sentryIssueUrl({ sentryId: "1", permalink: null }, { apiBaseUrl: "https://sentry.io" })).toBeNull();
  });
});
