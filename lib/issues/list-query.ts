import { z } from "zod";
import { ISSUE_LEVELS, ISSUE_STATUSES } from "./snapshot";

export const ISSUE_SORTS = ["lastSeen", "firstSeen", "count", "userCount"] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];
export type SortOrder = "asc" | "desc";

export const ISSUE_PAGE_SIZE_MAX = 100;
export const ISSUE_PAGE_SIZE_DEFAULT = 50;

/** Where the previous page ended: the sort key and id of its last row. */
export interface IssueCursor {
  sort: IssueSort;
  order: SortOrder;
  /** ISO date for lastSeen/firstSeen (null when the issue has none), decimal string for count, number for userCount. */
  value: string | number | null;
  id: string;
}

/** Opaque to clients: base64url JSON, so its shape can change without breaking links. */
export function encodeIssueCursor(cursor: IssueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id])).toString("base64url");
}

const cursorTuple = z.tuple([z.enum(ISSUE_SORTS), z.enum(["asc", "desc"]), z.union([z.string().max(40), z.number(), z.null()]), z.string().min(1).max(64)]);

export function decodeIssueCursor(text: string): IssueCursor | null {
  try {
    const parsed = cursorTuple.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const [sort, order, value, id] = parsed.data;
    if (!cursorValueFits(sort, value)) return null;
    return { sort, order, value, id };
  } catch {
    return null;
  }
}

function cursorValueFits(sort: IssueSort, value: string | number | null): boolean {
  switch (sort) {
    case "lastSeen":
    case "firstSeen":
      return value === null || (typeof value === "string" && !Number.isNaN(Date.parse(value)));
    case "count":
      return typeof value === "string" && /^\d{1,20}$/.test(value);
    case "userCount":
      return typeof value === "number" && Number.isInteger(value);
  }
}

// Query strings carry "" for a cleared <select>; treat it as "not filtered".
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const name = (what: string) => z.string().trim().max(200, { message: `must be a ${what} of at most 200 characters` });

/**
 * The issue list's filters, sort and page, as query parameters. Shared by `GET /api/issues`
 * and the /issues page, so a URL means the same thing in both.
 */
export const issueListQuery = z
  .object({
    status: optional(z.enum(ISSUE_STATUSES, { message: `must be one of ${ISSUE_STATUSES.join(", ")}` })),
    level: optional(z.enum(ISSUE_LEVELS, { message: `must be one of ${ISSUE_LEVELS.join(", ")}` })),
    environment: optional(name("environment name")),
    project: optional(name("project slug")),
    q: optional(z.string().trim().max(200, { message: "must be at most 200 characters" })),
    sort: z.preprocess(blankToUndefined, z.enum(ISSUE_SORTS, { message: `must be one of ${ISSUE_SORTS.join(", ")}` }).default("lastSeen")),
    order: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc")),
    cursor: optional(z.string().max(400, { message: "is not a cursor from this API" })),
    limit: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ message: "must be a number" })
        .int({ message: "must be a whole number" })
        .min(1, { message: `must be 1 to ${ISSUE_PAGE_SIZE_MAX}` })
        .max(ISSUE_PAGE_SIZE_MAX, { message: `must be 1 to ${ISSUE_PAGE_SIZE_MAX}` })
        .default(ISSUE_PAGE_SIZE_DEFAULT),
    ),
  })
  .transform((query, ctx) => {
    if (query.cursor === undefined) return { ...query, cursor: undefined };
    const cursor = decodeIssueCursor(query.cursor);
    if (!cursor) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "is not a cursor from this API" });
      return z.NEVER;
    }
    // A cursor marks a position in one ordering; reusing it under another would skip or repeat rows.
    if (cursor.sort !== query.sort || cursor.order !== query.order) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: `belongs to sort=${cursor.sort}&order=${cursor.order}; start again without it` });
      return z.NEVER;
    }
    return { ...query, cursor };
  });

export type IssueListQuery = z.output<typeof issueListQuery>;
export type IssueListFilter = Pick<IssueListQuery, "status" | "level" | "environment" | "project" | "q">;

