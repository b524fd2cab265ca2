"use client";

import { useId, type ReactNode } from "react";

/** Class for the compact inputs and selects of filter bars. */
export const filterControl =
  "block w-full rounded-md border border-border bg-surface px-3 py-1.5 text-sm text-ink shadow-xs focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

/** A labelled slot in a filter bar; the child receives the id to put on its control. */
export function FilterField({ label, className = "min-w-40", children }: { label: string; className?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-muted">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
