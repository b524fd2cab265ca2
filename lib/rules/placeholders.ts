import { lookupPath, placeholdersIn, renderTemplate, TemplateError } from "@/lib/jobs/template";
import { isKnownPlaceholder, templateValues, type RuleSubject } from "./subject";

/** Pure: every {{placeholder}} in string values of args (nested), with the path of the arg. */
export function argPlaceholders(args: unknown, path: string[] = []): { path: string[]; placeholder: string }[] {
  if (typeof args === "string") return placeholdersIn(args).map((placeholder) => ({ path, placeholder }));
  if (Array.isArray(args)) return args.flatMap((item, index) => argPlaceholders(item, [...path, String(index)]));
  if (args && typeof args === "object") return Object.entries(args).flatMap(([key, value]) => argPlaceholders(value, [...path, key]));
  return [];
}

export function unknownPlaceholder(args: unknown): { path: string[]; placeholder: string } | null {
  return argPlaceholders(args).find((entry) => !isKnownPlaceholder(entry.placeholder)) ?? null;
}

/** Pure: args with placeholders filled from the subject. Throws TemplateError naming a placeholder without a value. */
export function renderArgs(args: unknown, subject: RuleSubject): unknown {
  const values = templateValues(subject);
  const render = (value: unknown): unknown => {
    if (typeof value === "string") return renderTemplate(value, (path) => lookupPath(values, path));
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item)]));
    return value;
  };
  return render(args);
}

/** Pure: args with every placeholder replaced by a sample text, to check them against the script's schema at save. */
export function sampleArgs(args: unknown): unknown {
  const render = (value: unknown): unknown => {
    if (typeof value === "string") return renderTemplate(value, (path) => `sample-${path.replaceAll(".", "-")}`);
    if (Array.isArray(value)) return value.map(render);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item)]));
    return value;
  };
  return render(args);
}

export { TemplateError };
