"use client";

import { useId } from "react";
import type { ArgField } from "@/lib/jobs/args-form";

const control =
  "block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-ink shadow-xs placeholder:text-muted/70 focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30 aria-invalid:border-danger";

type MapRow = { key: string; value: string };

/** The args of a script as a form, generated from its schema (lib/jobs/args-form.ts). */
export function ArgsForm({
  fields,
  values,
  errors,
  onChange,
  errorPrefix = "args.",
}: {
  fields: ArgField[];
  values: Record<string, unknown>;
  /** Messages by the API's field path (`args.seconds`, or `action.args.seconds` in a rule). */
  errors: Record<string, string>;
  onChange: (values: Record<string, unknown>) => void;
  errorPrefix?: string;
}) {
  if (fields.length === 0) return <p className="text-sm text-muted">This script takes no arguments.</p>;
  const set = (name: string, value: unknown) => onChange({ ...values, [name]: value });
  return (
    <div className="space-y-4">
      {fields.map((field) => (
        <ArgInput key={field.name} field={field} value={values[field.name]} error={errors[`${errorPrefix}${field.name}`]} onChange={(value) => set(field.name, value)} />
      ))}
    </div>
  );
}

function ArgInput({ field, value, error, onChange }: { field: ArgField; value: unknown; error?: string; onChange: (value: unknown) => void }) {
  const id = useId();
  const note = error ?? field.description;
  const describedBy = note ? `${id}-note` : undefined;
  const label = (
    <label htmlFor={id} className="block text-sm font-medium text-ink">
      {field.name}
      {field.required ? <span className="text-danger"> *</span> : <span className="font-normal text-muted"> (optional)</span>}
    </label>
  );
  const noteLine = note && (
    <p id={`${id}-note`} className={`text-xs ${error ? "text-danger" : "text-muted"}`} role={error ? "alert" : undefined}>
      {note}
      {!error && field.kind === "number" && (field.minimum !== undefined || field.maximum !== undefined) && ` (${field.minimum ?? "…"}–${field.maximum ?? "…"})`}
    </p>
  );
  switch (field.kind) {
    case "boolean":
      return (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium text-ink">
            <input id={id} type="checkbox" checked={Boolean(value)} onChange={(event) => onChange(event.target.checked)} className="size-4 rounded border-border accent-brand" aria-describedby={describedBy} />
            {field.name}
          </label>
          {noteLine}
        </div>
      );
    case "enum":
      return (
        <div className="space-y-1">
          {label}
          <select id={id} value={String(value ?? "")} onChange={(event) => onChange(event.target.value)} className={control} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
            {!field.required && <option value="">(default)</option>}
            {field.options.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
          {noteLine}
        </div>
      );
    case "map": {
      const rows = (value as MapRow[] | undefined) ?? [];
      const update = (index: number, row: MapRow) => onChange(rows.map((current, i) => (i === index ? row : current)));
      return (
        <fieldset className="space-y-2" aria-describedby={describedBy}>
          <legend className="text-sm font-medium text-ink">
            {field.name} <span className="font-normal text-muted">(name → value)</span>
          </legend>
          {rows.map((row, index) => (
            <div key={index} className="flex gap-2">
              <input aria-label={`${field.name} name ${index + 1}`} placeholder="name" value={row.key} onChange={(event) => update(index, { ...row, key: event.target.value })} className={`${control} font-mono`} />
              <input aria-label={`${field.name} value ${index + 1}`} placeholder="value" value={row.value} onChange={(event) => update(index, { ...row, value: event.target.value })} className={control} />
              <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== index))} className="rounded-md px-2 text-muted hover:bg-canvas hover:text-ink" aria-label={`Remove ${row.key || "row"}`}>
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => onChange([...rows, { key: "", value: "" }])} className="text-sm font-medium text-brand hover:underline">
            + Add {field.name === "params" ? "parameter" : "entry"}
          </button>
          {noteLine}
        </fieldset>
      );
    }
    case "text":
    case "json":
      return (
        <div className="space-y-1">
          {label}
          <textarea id={id} rows={field.kind === "json" ? 5 : 4} value={String(value ?? "")} onChange={(event) => onChange(event.target.value)} className={`${control} ${field.kind === "json" ? "font-mono text-xs" : ""}`} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
          {noteLine}
        </div>
      );
    default:
      return (
        <div className="space-y-1">
          {label}
          <input
            id={id}
            type={field.kind === "number" ? "number" : "text"}
            step={field.kind === "number" ? (field.integer ? 1 : "any") : undefined}
            min={field.kind === "number" ? field.minimum : undefined}
            max={field.kind === "number" ? field.maximum : undefined}
            value={String(value ?? "")}
            placeholder={field.kind === "string" && field.defaultValue ? `default: ${field.defaultValue}` : undefined}
            onChange={(event) => onChange(event.target.value)}
            className={control}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
          {noteLine}
        </div>
      );
  }
}
