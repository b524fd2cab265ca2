/**
 * Pure: `{{ path.to.value }}` placeholders, filled from a lookup. Used for HTTP endpoint
 * templates at run time (and by rules for job args). A placeholder with no value is an
 * error naming it, so a misconfigured template fails loudly instead of sending "undefined".
 */
export type Encoding = "none" | "url" | "json-string" | "header";

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w-]*(?:\.[\w-]+)*)\s*\}\}/g;

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly placeholder: string,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

function encode(value: string, encoding: Encoding, placeholder: string): string {
  switch (encoding) {
    case "url":
      return encodeURIComponent(value);
    case "json-string":
      return JSON.stringify(value).slice(1, -1);
    case "header":
      if (/[\r\n]/.test(value)) throw new TemplateError(`{{${placeholder}}} contains a line break, which a header cannot carry.`, placeholder);
      return value;
    default:
      return value;
  }
}

/** Resolves a dotted path in nested plain objects; numbers and booleans become strings. */
export function lookupPath(source: Record<string, unknown>, path: string): string | undefined {
  let current: unknown = source;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === "string") return current;
  if (typeof current === "number" || typeof current === "boolean" || typeof current === "bigint") return String(current);
  return undefined;
}

export function renderTemplate(template: string, lookup: (path: string) => string | undefined, encoding: Encoding = "none"): string {
  return template.replace(PLACEHOLDER, (_, path: string) => {
    const value = lookup(path);
    if (value === undefined) throw new TemplateError(`{{${path}}} has no value here.`, path);
    return encode(value, encoding, path);
  });
}
