import type { Rule } from "./model";
import type { EventFacts, IssueFacts, RuleSubject } from "./subject";

/** Test data shared by the rules' unit tests (not used by the app). */
export function issueSubject(issue: Partial<IssueFacts> = {}, event: Partial<EventFacts> | null = null): RuleSubject {
  return {
    kind: "issue",
    issue: {
      id: "i1",
      sentryId: "1001",
      shortId: "SHOP-1",
      title: "Error: Build failed for web",
      culprit: "app/database/pool.ts in acquire",
      level: "error",
      status: "unresolved",
      environment: "production",
      project: "shop",
      platform: "node",
      metadata: { type: "OutOfMemoryError", value: "Java heap space" },
      count: 42,
      userCount: 7,
      permalink: null,
      firstSeen: null,
      lastSeen: null,
      ...issue,
    },
    event: event ? { id: "e1", title: null, message: null, level: null, environment: null, release: null, platform: null, tags: {}, ...event } : null,
  };
}

let position = 0;
export function rule(partial: Partial<Rule> = {}): Rule {
  position += 1;
  return {
    id: `r${position}`,
    name: `Rule ${position}`,
    description: "",
    enabled: true,
    position,
    trigger: "issue_created",
    conditions: { match: "all", groups: [] },
    action: { script: "noop", tier: "nonprod", namespace: "default", priorityClass: "B", args: {}, metadata: {}, resolveIssueOnSuccess: false },
    safety: { cooldownMinutes: 30, maxJobsPerWindow: 10, windowMinutes: 60, oneUntilResolved: true },
    stopAfterMatch: false,
    dryRun: false,
    requiresApproval: false,
    revision: 1,
    ...partial,
  };
}
