import { describe, expect, it } from "vitest";
import { lookupPath, placeholdersIn, renderTemplate, TemplateError } from "./template";

const values = { params: { service: "checkout api", quote: 'say "hi"' }, job: { id: "j1", attempt: 2 }, issue: { culprit: "db.pool" } };
const lookup = (path: string) => lookupPath(values, path);

describe("renderTemplate", () => {
  it("fills nested placeholders, tolerating spaces inside the braces", () => {
    expect(renderTemplate("restart {{params.service}} for {{ job.id }} (try {{job.attempt}})", lookup)).toBe("restart checkout api for j1 (try 2)");
  });

  it("encodes values for where they land", () => {
    expect(renderTemplate("https://x/{{params.service}}", lookup, "url")).toBe("https://x/checkout%20api");
    expect(JSON.parse(renderTemplate('{"q":"{{params.quote}}"}', lookup, "json-string"))).toEqual({ q: 'say "hi"' });
  });

  it("names a placeholder that has no value instead of sending 'undefined'", () => {
    expect(() => renderTemplate("{{params.missing}}", lookup)).toThrow(TemplateError);
    expect(() => renderTemplate("{{params.missing}}", lookup)).toThrow("{{params.missing}} has no value here.");
  });

  it("refuses line breaks in headers (header injection)", () => {
    expect(() => renderTemplate("Bearer {{x}}", () => "a\r\nX-Evil: 1", "header")).toThrow(/line break/);
  });

  it("does not reach into prototypes", () => {
    expect(lookupPath(values, "params.constructor")).toBeUndefined();
    expect(lookupPath(values, "__proto__.toString")).toBeUndefined();
  });

  it("lists placeholders", () => {
    expect(placeholdersIn("{{a.b}} and {{ c }}")).toEqual(["a.b", "c"]);
  });
});
