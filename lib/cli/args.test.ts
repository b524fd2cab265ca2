import { describe, expect, it } from "vitest";
import { parseFlags, stringFlag } from "./args";

describe("parseFlags", () => {
  it("reads --name value, --name=value and bare --flag", () => {
    expect(parseFlags(["--name", "ci", "--role=admin", "--dry-run"])).toEqual({ name: "ci", role: "admin", "dry-run": true });
  });
  it("rejects stray positional arguments", () => {
    expect(() => parseFlags(["ci"])).toThrow(/Unexpected argument/);
  });
  it("complains when a value flag has no value", () => {
    expect(() => stringFlag(parseFlags(["--name"]), "name")).toThrow(/needs a value/);
  });
});
