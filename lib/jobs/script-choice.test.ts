import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { scriptCatalog } from "./catalog";
import { defaultRemediationScript, remediationScriptMenu } from "./script-choice";

const bare = scriptCatalog(parseConfig({}));
const withRestartEndpoint = scriptCatalog(parseConfig({ REMEDIATION_HTTP_ENDPOINTS: JSON.stringify({ "restart-service": { url: "https://ops.example.com/restart" } }) }));

describe("the script Run remediation starts on", () => {
  it("is nothing when the only suggestion is not configured here", () => {
    expect(bare.find((script) => script.name === "restart-service")!.configured.ok).toBe(false);
    expect(defaultRemediationScript(bare, ["restart-service"])).toBeNull();
  });

  it("is the first suggestion that is configured, skipping those that are not", () => {
    expect(defaultRemediationScript(bare, ["restart-service", "restart-db-pool", "noop"])).toBe("noop");
    expect(defaultRemediationScript(withRestartEndpoint, ["restart-service", "noop"])).toBe("restart-service");
  });

  it("is nothing without suggestions: no fallback to a demo or any other script", () => {
    expect(defaultRemediationScript(bare, [])).toBeNull();
    expect(defaultRemediationScript(withRestartEndpoint, [])).toBeNull();
  });

  it("ignores a suggestion the catalog does not hold", () => {
    expect(defaultRemediationScript(bare, ["retired-script", "sleep"])).toBe("sleep");
  });
});

describe("the script menu of a manual run", () => {
  it("splits scripts into runnable and not configured, keeping each one's reason", () => {
    const menu = remediationScriptMenu(bare, { hasIssue: true });
    expect(menu.runnable.every((script) => script.configured.ok)).toBe(true);
    expect(menu.notConfigured.map((script) => script.name)).toContain("restart-service");
    expect(menu.notConfigured.find((script) => script.name === "restart-service")!.configured.reason).toMatch(/REMEDIATION_HTTP_ENDPOINTS/);
    expect(menu.runnable.length + menu.notConfigured.length).toBe(bare.length);
  });

  it("leaves out scripts that act on an issue when there is none", () => {
    const menu = remediationScriptMenu(bare, { hasIssue: false });
    expect([...menu.runnable, ...menu.notConfigured].some((script) => script.needsIssue)).toBe(false);
    expect(menu.runnable.map((script) => script.name)).toContain("noop");
  });
});
