import * as Sentry from "@/lib/telemetry";
import type { Issue } from "@/lib/db";
import type { IssueChange } from "./snapshot";

export type IssueChangeListener = (issue: Issue, change: IssueChange) => Promise<void> | void;

// On globalThis: Next compiles instrumentation.ts (where the rules engine subscribes) and the
// route handlers (where changes happen) as separate entries, which may not share module state.
const listeners: Set<IssueChangeListener> = ((globalThis as { __opsIssueChangeListeners?: Set<IssueChangeListener> }).__opsIssueChangeListeners ??= new Set());

/**
 * The one extension point for reacting to issue changes (the rules engine subscribes here).
 * A registry instead of a direct call keeps lib/issues free of a dependency on lib/rules.
 * Returns the function that unsubscribes.
 */
export function subscribeToIssueChanges(listener: IssueChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Called once per applied change, after the change is committed. A failing listener is
 * reported and does not undo the intake: the delivery is stored and applied either way.
 */
export async function onIssueChanged(issue: Issue, change: IssueChange): Promise<void> {
  for (const listener of listeners) {
    try {
      await listener(issue, change);
    } catch (error) {
      Sentry.captureException(error, { tags: { hook: "onIssueChanged", change: change.kind } });
      console.error("onIssueChanged listener failed", error);
    }
  }
}

const subscriptions: Map<string, () => void> = ((globalThis as { __opsSubscriptions?: Map<string, () => void> }).__opsSubscriptions ??= new Map());

/**
 * Runs `subscribe` once per process under `key` (the server and a worker each start their
 * listeners; Next may load a module twice) and returns what undoes it. Kept on globalThis for
 * the same reason as the listeners.
 */
export function subscribeOnce(key: string, subscribe: () => () => void): () => void {
  if (!subscriptions.has(key)) subscriptions.set(key, subscribe());
  return () => {
    subscriptions.get(key)?.();
    subscriptions.delete(key);
  };
}
