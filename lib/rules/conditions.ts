import { RE2JS } from "re2js";
import type { ConditionField, RuleCondition, RuleConditions } from "./model";
import type { RuleSubject } from "./subject";

/**
 * Pure: conditions compiled once per rule set (lower-cased texts, sets, RE2 patterns), then
 * evaluated per subject. Text comparisons ignore case; `matches` uses RE2, whose matching
 * time is linear in the input, so no pattern can hang the server (use `(?i)` for case).
 */
type Test = (actual: string | number | undefined) => boolean;

export interface CompiledCondition {
  source: RuleCondition;
  read: (subject: RuleSubject) => string | number | undefined;
  test: Test;
}

export interface CompiledGroup {
  match: "all" | "any";
  conditions: CompiledCondition[];
}

export interface CompiledConditions {
  match: "all" | "any";
  groups: CompiledGroup[];
}

export class InvalidPattern extends Error {
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`is not a valid regular expression (RE2 syntax): ${reason}`);
    this.name = "InvalidPattern";
  }
}

export function compilePattern(pattern: string): RE2JS {
  try {
    return RE2JS.compile(pattern);
  } catch (error) {
    throw new InvalidPattern(pattern, (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, ""));
  }
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Reads a field of the subject; undefined when the subject has no such value. */
export function fieldReader(field: ConditionField, tag?: string): (subject: RuleSubject) => string | number | undefined {
  switch (field) {
    case "title":
      return (s) => (s.kind === "issue" ? s.issue.title : s.alert.title);
    case "culprit":
      return (s) => (s.kind === "issue" ? (s.issue.culprit ?? undefined) : undefined);
    case "level":
      return (s) => (s.kind === "issue" ? (s.event?.level ?? s.issue.level) : undefined);
    case "status":
      return (s) => (s.kind === "issue" ? s.issue.status : s.alert.status);
    case "environment":
      return (s) => (s.kind === "issue" ? (s.event?.environment ?? s.issue.environment ?? s.event?.tags.environment ?? undefined) : undefined);
    case "project":
      return (s) => (s.kind === "issue" ? (s.issue.project ?? undefined) : s.alert.projects.join(","));
    case "platform":
      return (s) => (s.kind === "issue" ? (s.issue.platform ?? s.event?.platform ?? undefined) : undefined);
    case "metadata.type":
      return (s) => (s.kind === "issue" ? text(s.issue.metadata?.type) : undefined);
    case "metadata.value":
      return (s) => (s.kind === "issue" ? text(s.issue.metadata?.value) : undefined);
    case "tag":
      return (s) => (s.kind === "issue" && tag ? s.event?.tags[tag] : undefined);
    case "release":
      return (s) => (s.kind === "issue" ? (s.event?.release ?? s.event?.tags.release ?? undefined) : undefined);
    case "event_count":
      return (s) => (s.kind === "issue" ? s.issue.count : undefined);
    case "user_count":
      return (s) => (s.kind === "issue" ? s.issue.userCount : undefined);
  }
}

function compileTest(condition: RuleCondition): Test {
  const { operator, value } = condition;
  const lower = typeof value === "string" ? value.toLowerCase() : String(value).toLowerCase();
  switch (operator) {
    case "equals":
      return (actual) => actual !== undefined && String(actual).toLowerCase() === lower;
    case "not_equals":
      return (actual) => actual === undefined || String(actual).toLowerCase() !== lower;
    case "contains":
      return (actual) => actual !== undefined && String(actual).toLowerCase().includes(lower);
    case "starts_with":
      return (actual) => actual !== undefined && String(actual).toLowerCase().startsWith(lower);
    case "in": {
      const set = new Set((value as string[]).map((item) => item.toLowerCase()));
      return (actual) => actual !== undefined && set.has(String(actual).toLowerCase());
    }
    case "gt":
      return (actual) => actual !== undefined && Number(actual) > (value as number);
    case "lt":
      return (actual) => actual !== undefined && Number(actual) < (value as number);
    case "matches": {
      const pattern = compilePattern(String(value));
      return (actual) => actual !== undefined && pattern.matcher(String(actual)).find();
    }
  }
}

export function compileConditions(conditions: RuleConditions): CompiledConditions {
  return {
    match: conditions.match,
    groups: conditions.groups.map((group) => ({
      match: group.match,
      conditions: group.conditions.map((condition) => ({ source: condition, read: fieldReader(condition.field, condition.tag), test: compileTest(condition) })),
    })),
  };
}

/** One evaluated condition, for "why did / didn't this fire". */
export interface ConditionOutcome {
  group: number;
  index: number;
  matched: boolean;
  /** The subject's value, cut to 200 characters; null when it had none. */
  actual: string | null;
}

export interface ConditionsResult {
  matched: boolean;
  /** Conditions in the order evaluated; within a group evaluation stops once its result is known. */
  outcomes: ConditionOutcome[];
}

function shown(actual: string | number | undefined): string | null {
  if (actual === undefined) return null;
  const value = String(actual);
  return value.length > 200 ? `${value.slice(0, 199)}…` : value;
}

export function evaluateConditions(compiled: CompiledConditions, subject: RuleSubject): ConditionsResult {
  const outcomes: ConditionOutcome[] = [];
  if (compiled.groups.length === 0) return { matched: true, outcomes };
  let overall = compiled.match === "all";
  for (let g = 0; g < compiled.groups.length; g++) {
    const group = compiled.groups[g]!;
    let groupMatched = group.match === "all";
    if (group.conditions.length === 0) groupMatched = true;
    for (let i = 0; i < group.conditions.length; i++) {
      const condition = group.conditions[i]!;
      const actual = condition.read(subject);
      const matched = condition.test(actual);
      outcomes.push({ group: g, index: i, matched, actual: shown(actual) });
      if (group.match === "all" && !matched) {
        groupMatched = false;
        break;
      }
      if (group.match === "any" && matched) {
        groupMatched = true;
        break;
      }
    }
    if (compiled.match === "all" && !groupMatched) return { matched: false, outcomes };
    if (compiled.match === "any" && groupMatched) return { matched: true, outcomes };
    overall = compiled.match === "all" ? overall && groupMatched : overall || groupMatched;
  }
  return { matched: overall, outcomes };
}
