"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, Table } from "@/components/ui/table";
import { useCursorPages } from "@/lib/api-client/use-cursor-pages";
import type { AuditPage } from "@/lib/audit";

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return <span className="text-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-xs text-brand">values</summary>
      <pre className="mt-1 max-w-md overflow-x-auto rounded bg-canvas p-2 font-mono text-xs">{JSON.stringify({ before, after }, null, 2)}</pre>
    </details>
  );
}

export function AuditLog({ initialPage }: { initialPage: AuditPage }) {
  const pages = useCursorPages({ key: "audit", path: "/api/audit", search: "limit=50", initialPage });
  const entries = pages.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0) return <EmptyState title="Nothing recorded yet">Every sign-in and change will be listed here.</EmptyState>;
  return (
    <div className="space-y-4">
      <Table head={["When", "Who", "Action", "Summary", "Change"]} caption="Audit log">
        {entries.map((entry) => (
          <tr key={entry.id}>
            <Cell className="whitespace-nowrap text-muted">{new Date(entry.createdAt).toLocaleString()}</Cell>
            <Cell>
              {entry.actorLabel}
              {entry.ip && <p className="text-xs text-muted">{entry.ip}</p>}
            </Cell>
            <Cell className="font-mono text-xs">{entry.action}</Cell>
            <Cell>{entry.summary ?? "—"}</Cell>
            <Cell>
              <Change before={entry.before} after={entry.after} />
            </Cell>
          </tr>
        ))}
      </Table>
      {pages.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" busy={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Load older entries
          </Button>
        </div>
      )}
    </div>
  );
}
