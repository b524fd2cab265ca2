/**
 * Pure: a script's args JSON Schema (zod's conversion, see catalog.ts) as form fields, and the
 * form's values back as args. Only the shapes scripts use are supported; anything else is
 * edited as JSON.
 */
export type ArgField =
  | { name: string; kind: "string" | "text"; required: boolean; description?: string; defaultValue?: string; maxLength?: number; pattern?: string }
  | { name: string; kind: "number"; required: boolean; description?: string; defaultValue?: number; minimum?: number; maximum?: number; integer: boolean }
  | { name: string; kind: "boolean"; required: boolean; description?: string; defaultValue?: boolean }
  | { name: string; kind: "enum"; required: boolean; description?: string; defaultValue?: string; options: string[] }
  | { name: string; kind: "map"; required: boolean; description?: string; defaultValue?: Record<string, string> }
  | { name: string; kind: "json"; required: boolean; description?: string; defaultValue?: unknown };

type Schema = Record<string, unknown>;

/** Long free text gets a textarea. */
const TEXTAREA_FROM = 1000;

export function argFields(schema: unknown): ArgField[] {
  if (!schema || typeof schema !== "object") return [];
  const root = schema as Schema;
  const properties = (root.properties ?? {}) as Record<string, Schema>;
  const required = new Set((root.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]): ArgField => {
    const base = { name, required: required.has(name), description: typeof property.description === "string" ? property.description : undefined };
    if (Array.isArray(property.enum)) return { ...base, kind: "enum", options: property.enum.map(String), defaultValue: property.default as string | undefined };
    switch (property.type) {
      case "string":
        return {
          ...base,
          kind: typeof property.maxLength === "number" && property.maxLength >= TEXTAREA_FROM ? "text" : "string",
          defaultValue: property.default as string | undefined,
          maxLength: property.maxLength as number | undefined,
          pattern: property.pattern as string | undefined,
        };
      case "number":
      case "integer":
        return { ...base, kind: "number", integer: property.type === "integer", defaultValue: property.default as number | undefined, minimum: property.minimum as number | undefined, maximum: property.maximum as number | undefined };
      case "boolean":
        return { ...base, kind: "boolean", defaultValue: property.default as boolean | undefined };
      case "object":
        if ((property.additionalProperties as Schema | undefined)?.type === "string") return { ...base, kind: "map", defaultValue: property.default as Record<string, string> | undefined };
        return { ...base, kind: "json", defaultValue: property.default };
      default:
        return { ...base, kind: "json", defaultValue: property.default };
    }
  });
}

/** The form's starting values: each field's default, or empty. */
export function initialArgValues(fields: ArgField[]): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((field) => {
      switch (field.kind) {
        case "boolean":
          return [field.name, field.defaultValue ?? false];
        case "number":
          return [field.name, field.defaultValue === undefined ? "" : String(field.defaultValue)];
        case "map":
          return [field.name, Object.entries(field.defaultValue ?? {}).map(([key, value]) => ({ key, value }))];
        case "json":
          return [field.name, field.defaultValue === undefined ? "" : JSON.stringify(field.defaultValue, null, 2)];
        default:
          return [field.name, field.defaultValue ?? ""];
      }
    }),
  );
}

/**
 * The args to submit. Empty optional fields are left out (the server fills defaults); a value
 * the form cannot express comes back as a problem naming the field, like the server would.
 */
export function argsFromValues(fields: ArgField[], values: Record<string, unknown>): { args: Record<string, unknown>; problem: { field: string; message: string } | null } {
  const args: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    const fieldName = `args.${field.name}`;
    switch (field.kind) {
      case "boolean":
        args[field.name] = Boolean(value);
        break;
      case "number": {
        const text = String(value ?? "").trim();
        if (text === "") break;
        const number = Number(text);
        if (!Number.isFinite(number)) return { args, problem: { field: fieldName, message: "must be a number" } };
        args[field.name] = number;
        break;
      }
      case "map": {
        const rows = (value as { key: string; value: string }[] | undefined) ?? [];
        const map: Record<string, string> = {};
        for (const row of rows) {
          if (!row.key.trim() && !row.value.trim()) continue;
          if (!row.key.trim()) return { args, problem: { field: fieldName, message: "has a value without a name" } };
          map[row.key.trim()] = row.value;
        }
        args[field.name] = map;
        break;
      }
      case "json": {
        const text = String(value ?? "").trim();
        if (text === "") break;
        try {
          args[field.name] = JSON.parse(text);
        } catch {
          return { args, problem: { field: fieldName, message: "is not valid JSON" } };
        }
        break;
      }
      default: {
        const text = String(value ?? "");
        if (text.trim() === "" && !field.required) break;
        args[field.name] = text;
      }
    }
  }
  return { args, problem: null };
}
