import type { ReactNode } from "react";

export function Table({ head, children, caption }: { head: ReactNode[]; children: ReactNode; caption?: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="min-w-full divide-y divide-border text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-canvas">
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-muted">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">{children}</tbody>
      </table>
    </div>
  );
}

export function Cell({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`px-4 py-2.5 align-top text-ink ${className}`}>{children}</td>;
}
