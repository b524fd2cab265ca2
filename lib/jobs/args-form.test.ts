import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { argFields, argsFromValues, initialArgValues } from "./args-form";
import { scriptCatalog } from "./catalog";

const catalog = scriptCatalog(parseConfig({}));
const schemaOf = (name: string) => catalog.find((script) => script.name === name)!.argsSchema;

describe("args form from a script's schema", () => {
  it("makes a field per argument, with kinds, defaults and required marks", () => {
    const sleep = argFields(schemaOf("sleep"));
    expect(sleep).toEqual([
      { name: "seconds", kind: "number", required: false, integer: false, description: "How long to wait", defaultValue: 5, minimum: 0, maximum: 3600 },
      { name: "fail", kind: "boolean", required: false, description: "Fail at the end instead of succeeding", defaultValue: false },
    ]);
    expect(argFields(schemaOf("restart-service"))[0]).toMatchObject({ name: "service", kind: "string", required: true });
    expect(argFields(schemaOf("apply-ai-fix"))[0]).toMatchObject({ name: "suggestedFix", kind: "text" });
    expect(argFields(schemaOf("http-request"))[1]).toMatchObject({ name: "params", kind: "map", defaultValue: {} });
  });

  it("turns values back into args the server accepts, leaving empty optional fields to defaults", () => {
    const fields = argFields(schemaOf("http-request"));
    const values = { ...initialArgValues(fields), endpoint: "restart-service", params: [{ key: "service", value: "api" }, { key: "", value: "" }] };
    expect(argsFromValues(fields, values)).toEqual({ args: { endpoint: "restart-service", params: { service: "api" } }, problem: null });

    const sleep = argFields(schemaOf("sleep"));
    expect(argsFromValues(sleep, { seconds: "", fail: true }).args).toEqual({ fail: true });
    expect(argsFromValues(sleep, { seconds: "2.5", fail: false }).args).toEqual({ seconds: 2.5, fail: false });
  });

  it("names the field whose value the form cannot express", () => {
    const sleep = argFields(schemaOf("sleep"));
    expect(argsFromValues(sleep, { seconds: "soon" }).problem).toEqual({ field: "args.seconds", message: "must be a number" });
    const http = argFields(schemaOf("http-request"));
    expect(argsFromValues(http, { endpoint: "x", params: [{ key: " ", value: "v" }] }).problem).toEqual({ field: "args.params", message: "has a value without a name" });
  });
});
