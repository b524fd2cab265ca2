import type { ScriptInfo } from "./catalog";

/**
 * Pure: the script "Run remediation" starts on — the first script the rules suggest that this
 * installation can run, or none, so the operator chooses. Never a script that is not
 * configured (its job could only fail), and never a fallback the rules did not suggest (a demo
 * `sleep` once ran against a fatal production issue because it was preselected).
 */
export function defaultRemediationScript(catalog: readonly ScriptInfo[], suggestions: readonly string[]): string | null {
  for (const name of suggestions) {
    if (catalog.some((script) => script.name === name && script.configured.ok)) return name;
  }
  return null;
}

/** The script menu of a manual run: what can run here, and what needs configuring first. */
export interface RemediationScriptMenu {
  runnable: ScriptInfo[];
  notConfigured: ScriptInfo[];
}

/**
 * Pure: the scripts a manual run may offer. Scripts that act on an issue are left out without
 * one; the rest split by whether this installation is configured to run them, each keeping the
 * catalog's order.
 */
export function remediationScriptMenu(catalog: readonly ScriptInfo[], { hasIssue }: { hasIssue: boolean }): RemediationScriptMenu {
  const offered = catalog.filter((script) => hasIssue || !script.needsIssue);
  return { runnable: offered.filter((script) => script.configured.ok), notConfigured: offered.filter((script) => !script.configured.ok) };
}
