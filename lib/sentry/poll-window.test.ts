import { describe, expect, it } from "vitest";
import { advanceCursor, lastSeenQuery, pollWindowStart } from "./poll-window";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const at = (iso: string) => new Date(iso);

describe("pollWindowStart", () => {
  it("looks back from the cursor by the overlap, to catch late-ingested events", () => {
    expect(pollWindowStart(at("2026-03-01T11:00:00Z"), NOW, { overlapMs: 600_000 })).toEqual(at("2026-03-01T10:50:00Z"));
  });

  it("looks back the initial period on a project's first poll", () => {
    expect(pollWindowStart(null, NOW, { initialLookbackMs: 86_400_000 })).toEqual(at("2026-02-28T12:00:00Z"));
  });

  it("never starts in the future when the cursor is ahead of this server's clock", () => {
    expect(pollWindowStart(at("2026-03-01T13:00:00Z"), NOW, { overlapMs: 60_000 })).toEqual(at("2026-03-01T11:59:00Z"));
  });
});

describe("lastSeenQuery", () => {
  it("uses Sentry's ISO 8601 date filter", () => {
    expect(lastSeenQuery(at("2026-03-01T10:50:00Z"))).toBe("lastSeen:>2026-03-01T10:50:00.000Z");
  });
});

describe("advanceCursor", () => {
  it("moves to the newest lastSeen seen", () => {
    expect(advanceCursor(at("2026-03-01T10:00:00Z"), [at("2026-03-01T11:00:00Z"), null, at("2026-03-01T10:30:00Z")])).toEqual(at("2026-03-01T11:00:00Z"));
  });

  it("never moves back, and stays null when nothing was seen", () => {
    expect(advanceCursor(at("2026-03-01T10:00:00Z"), [at("2026-03-01T09:00:00Z")])).toEqual(at("2026-03-01T10:00:00Z"));
    expect(advanceCursor(null, [])).toBeNull();
  });
});
