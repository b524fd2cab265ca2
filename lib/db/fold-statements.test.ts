import { describe, expect, it } from "vitest";
import { foldStatements } from "./fold-statements";

describe("foldStatements", () => {
  it("returns a lone statement unchanged", () => {
    const write = { text: `INSERT INTO "A" ("x") VALUES ($1)`, params: [1] };
    expect(foldStatements([write], null)).toBe(write);
    const final = { text: "SELECT $1", params: [2] };
    expect(foldStatements([], final)).toBe(final);
  });

  it("turns writes into CTEs and renumbers every statement's parameters", () => {
    const folded = foldStatements(
      [
        { text: `UPDATE "A" SET "x" = $1 WHERE "id" = $2`, params: ["x", "a1"] },
        { text: `INSERT INTO "B" ("y", "z") VALUES ($1, $2::jsonb)`, params: ["y", "{}"] },
      ],
      { text: `INSERT INTO "C" ("w") VALUES ($1) RETURNING 1`, params: ["w"] },
    );
    expect(folded.text).toBe(
      `WITH deferred_0 AS (UPDATE "A" SET "x" = $1 WHERE "id" = $2),\ndeferred_1 AS (INSERT INTO "B" ("y", "z") VALUES ($3, $4::jsonb))\nINSERT INTO "C" ("w") VALUES ($5) RETURNING 1`,
    );
    expect(folded.params).toEqual(["x", "a1", "y", "{}", "w"]);
  });

  it("renumbers multi-digit parameters without touching their neighbours", () => {
    const tenParams = Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(", ");
    const folded = foldStatements([{ text: "INSERT INTO t VALUES ($1)", params: [0] }], { text: `SELECT ${tenParams}`, params: Array.from({ length: 12 }, (_, i) => i) });
    expect(folded.text.endsWith(`SELECT ${Array.from({ length: 12 }, (_, i) => `$${i + 2}`).join(", ")}`)).toBe(true);
  });

  it("merges into a final statement's own WITH list", () => {
    const folded = foldStatements([{ text: "INSERT INTO t VALUES ($1)", params: [1] }], {
      text: "WITH claim AS (INSERT INTO k VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM claim",
      params: ["key"],
    });
    expect(folded.text).toBe("WITH deferred_0 AS (INSERT INTO t VALUES ($1)),\nclaim AS (INSERT INTO k VALUES ($2) ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM claim");
  });

  it("ends a batch of writes alone with SELECT 1", () => {
    const folded = foldStatements(
      [
        { text: "INSERT INTO t VALUES ($1)", params: [1] },
        { text: "INSERT INTO t VALUES ($1)", params: [2] },
      ],
      null,
    );
    expect(folded.text).toBe("WITH deferred_0 AS (INSERT INTO t VALUES ($1)),\ndeferred_1 AS (INSERT INTO t VALUES ($2))\nSELECT 1");
  });

  it("refuses what PostgreSQL could not run folded", () => {
    const withClause = { text: "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", params: [] };
    expect(() => foldStatements([withClause, withClause], null)).toThrow(/WITH/);
    expect(() => foldStatements([{ text: "INSERT INTO t VALUES (1)", params: [] }], { text: "WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r", params: [] })).toThrow(/RECURSIVE/);
    expect(() => foldStatements([], null)).toThrow();
  });
});

describe("pgArrayLiteral", () => {
  it("quotes and escapes elements the way PostgreSQL reads them", async () => {
    const { pgArrayLiteral } = await import("./sql");
    expect(pgArrayLiteral(["prod", "nonprod"])).toBe('{"prod","nonprod"}');
    expect(pgArrayLiteral(['say "hi"', "back\\slash", null])).toBe('{"say \\"hi\\"","back\\\\slash",NULL}');
    expect(pgArrayLiteral([])).toBe("{}");
  });
});
