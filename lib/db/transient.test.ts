import { describe, expect, it } from "vitest";
import { isTransientDatabaseError } from "./transient";

describe("isTransientDatabaseError", () => {
  it("knows a restart, a crash, a refused or dropped connection, at any depth of cause", () => {
    expect(isTransientDatabaseError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error("the database system is starting up"), { code: "57P03" }))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isTransientDatabaseError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error("connection failure"), { code: "08006" }))).toBe(true);
    expect(isTransientDatabaseError(new Error("wrapped", { cause: new Error("wrapped again", { cause: Object.assign(new Error("x"), { originalCode: "57P01" }) }) }))).toBe(true);
  });

  it("does not call a fault in the statement or the data transient", () => {
    expect(isTransientDatabaseError(Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" }))).toBe(false);
    expect(isTransientDatabaseError(Object.assign(new Error("invalid byte sequence"), { code: "22021" }))).toBe(false);
    expect(isTransientDatabaseError(new Error("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientDatabaseError(undefined)).toBe(false);
    expect(isTransientDatabaseError("ECONNREFUSED")).toBe(false);
  });
});
