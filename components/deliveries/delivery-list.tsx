"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState, useTransition, type ReactNode } from "react";
import { RelativeTime } from "@/components/issues/relative-time";
import { Alert } from "@/components/ui/alert";
import { Badge, type Tone } from "@/components/ui/badge";
import { FilterField, filterControl } from "@/components/ui/filter-field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useCursorPages } from "@/lib/api-client/use-cursor-pages";
import { apiFetch } from "@/lib/api-client";
import type { DeliveryDetail, DeliveryListItem, DeliveryPage } from "@/lib/sentry";

export interface DeliveryListView {
  status?: string;
  resource?: string;
}

const statusTone: Record<string, Tone> = { received: "info", processed: "ok", duplicate: "neutral", unhandled: "warn", failed: "danger" };

function deliveriesSearch(view: DeliveryListView): string {
  const params = new URLSearchParams();
  if (view.status) params.set("status", view.status);
  if (view.resource) params.set("resource", view.resource);
  return params.toString();
}

export function DeliveryStatusBadge({ status }: { status: string }) {
  return <Badge tone={statusTone[status] ?? "neutral"}>{status}</Badge>;
}

export function DeliveryList({
  view,
  initialPage,
  statuses,
  resources,
  serverNow,
}: {
  view: DeliveryListView;
  initialPage: DeliveryPage;
  statuses: readonly string[];
  resources: readonly string[];
  serverNow: number;
}) {
  const router = useRouter();
  const [navigating, startTransition] = useTransition();
  const [open, setOpen] = useState<string | null>(null);
  const [reprocessing, setReprocessing] = useState<DeliveryListItem | null>(null);
  const search = deliveriesSearch(view);
  const pages = useCursorPages({ key: "deliveries", path: "/api/deliveries", search, initialPage, refetchIntervalMs: 15_000 });
  const deliveries = pages.data.pages.flatMap((page) => page.deliveries);

  function navigate(changes: DeliveryListView) {
    const next = deliveriesSearch({ ...view, ...changes });
    startTransition(() => router.replace(next ? `/settings/deliveries?${next}` : "/settings/deliveries", { scroll: false }));
  }

  return (
    <div className="space-y-4">
      <form role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3 shadow-sm" onSubmit={(event) => event.preventDefault()}>
        <FilterField className="min-w-40" label="Status">
          {(id) => (
            <select id={id} value={view.status ?? ""} onChange={(event) => navigate({ status: event.target.value || undefined })} className={filterControl}>
              <option value="">All statuses</option>
              {statuses.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField className="min-w-40" label="Resource">
          {(id) => (
            <select id={id} value={view.resource ?? ""} onChange={(event) => navigate({ resource: event.target.value || undefined })} className={filterControl}>
              <option value="">All resources</option>
              {resources.map((resource) => (
                <option key={resource} value={resource}>
                  {resource}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        {(view.status || view.resource) && (
          <Link href="/settings/deliveries" className="pb-2 text-sm font-medium text-brand hover:underline">
            Clear filters
          </Link>
        )}
      </form>

      {deliveries.length === 0 ? (
        view.status || view.resource ? (
          <EmptyState
            title="No deliveries match these filters"
            action={
              <Link href="/settings/deliveries" className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">
                Clear filters
              </Link>
            }
          >
            <p>Try another status or resource.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No webhook deliveries yet">
            <p>Every signed request Sentry sends to /api/webhooks/sentry is stored here before it is applied, so a failed one can be reprocessed.</p>
          </EmptyState>
        )
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-border bg-surface shadow-sm transition-opacity ${navigating ? "opacity-60" : ""}`}>
          <table className="min-w-full divide-y divide-border text-sm">
            <caption className="sr-only">Webhook deliveries, newest first</caption>
            <thead className="bg-canvas">
              <tr>
                {["Received", "Resource", "Status", "Issue", ""].map((head, index) => (
                  <th key={index} scope="col" className="whitespace-nowrap px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-muted">
                    {head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {deliveries.map((delivery) => (
                <Fragment key={delivery.id}>
                  <tr data-testid="delivery-row" className={open === delivery.id ? "bg-canvas/60" : undefined}>
                    <td className="whitespace-nowrap px-4 py-3 align-top text-muted">
                      <RelativeTime iso={delivery.receivedAt} serverNow={serverNow} />
                    </td>
                    <td className="px-4 py-3 align-top">
                      <span className="font-mono text-xs font-medium text-ink">
                        {delivery.resource}
                        {delivery.action && <span className="text-muted">.{delivery.action}</span>}
                      </span>
                      {!delivery.signatureOk && <p className="text-xs text-warn">unsigned (accepted by configuration)</p>}
                    </td>
                    <td className="px-4 py-3 align-top">
                      <DeliveryStatusBadge status={delivery.status} />
                      {delivery.attempts > 1 && <span className="ml-2 text-xs text-muted">{delivery.attempts} attempts</span>}
                      {delivery.error && <p className="mt-1 max-w-md break-words font-mono text-xs text-danger">{delivery.error}</p>}
                    </td>
                    <td className="max-w-xs px-4 py-3 align-top">
                      {delivery.issue ? (
                        <Link href={`/issues/${delivery.issue.id}`} className="block truncate font-medium text-brand hover:underline" title={delivery.issue.title}>
                          {delivery.issue.shortId && <span className="font-mono text-xs">{delivery.issue.shortId} </span>}
                          {delivery.issue.title}
                        </Link>
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-right align-top">
                      <div className="flex justify-end gap-2">
                        <Button variant="ghost" aria-expanded={open === delivery.id} onClick={() => setOpen(open === delivery.id ? null : delivery.id)}>
                          {open === delivery.id ? "Hide body" : "Body"}
                        </Button>
                        {delivery.reprocessable && (
                          <Button variant="secondary" onClick={() => setReprocessing(delivery)}>
                            Reprocess
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                  {open === delivery.id && (
                    <tr>
                      <td colSpan={5} className="bg-canvas/60 px-4 pb-4">
                        <DeliveryBody id={delivery.id} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="secondary" busy={pages.isFetchingNextPage} onClick={() => pages.fetchNextPage()}>
            Load older deliveries
          </Button>
        </div>
      )}

      <ReprocessDialog delivery={reprocessing} onClose={() => setReprocessing(null)} />
    </div>
  );
}

function prettyBody(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function DeliveryBody({ id }: { id: string }) {
  const detail = useQuery({ queryKey: ["delivery", id], queryFn: async () => (await apiFetch<{ delivery: DeliveryDetail }>(`/api/deliveries/${id}`)).delivery });
  if (detail.isPending) return <p className="py-3 text-sm text-muted">Loading the stored body…</p>;
  if (detail.isError) return <Alert tone="danger">{detail.error.message}</Alert>;
  const delivery = detail.data;
  return (
    <div className="grid gap-4 pt-1 lg:grid-cols-3">
      <div className="space-y-2 text-xs">
        <h3 className="font-semibold uppercase tracking-wide text-muted">Delivery</h3>
        <dl className="space-y-1">
          <Row label="Id">{delivery.id}</Row>
          <Row label="Request-ID">{delivery.requestId}</Row>
          <Row label="Entity">{delivery.entityId}</Row>
          <Row label="Sent by Sentry">{delivery.sentAt}</Row>
          <Row label="Processed">{delivery.processedAt}</Row>
          <Row label="Body SHA-256">{delivery.bodySha256}</Row>
        </dl>
        <h3 className="pt-2 font-semibold uppercase tracking-wide text-muted">Headers kept</h3>
        <dl className="space-y-1">
          {Object.entries(delivery.headers).map(([name, value]) => (
            <Row key={name} label={name}>
              {value}
            </Row>
          ))}
        </dl>
      </div>
      <details open className="lg:col-span-2">
        <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-muted">Raw body ({delivery.rawBody.length.toLocaleString("en-US")} bytes)</summary>
        <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">{prettyBody(delivery.rawBody)}</pre>
      </details>
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="w-28 shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 break-all font-mono text-ink">{children ?? "—"}</dd>
    </div>
  );
}

function ReprocessDialog({ delivery, onClose }: { delivery: DeliveryListItem | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const reprocess = useMutation({
    mutationFn: (id: string) => apiFetch<{ status: string; error: string | null }>(`/api/deliveries/${id}/reprocess`, { method: "POST" }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["deliveries"] });
    },
  });
  function close() {
    reprocess.reset();
    onClose();
  }
  const result = reprocess.data;
  return (
    <Dialog open={delivery !== null} onClose={close} title="Reprocess this delivery?">
      {result ? (
        <div className="space-y-4">
          <Alert tone={result.status === "processed" || result.status === "duplicate" ? "ok" : "danger"}>
            The delivery is now <strong>{result.status}</strong>
            {result.error ? `: ${result.error}` : "."}
          </Alert>
          <div className="flex justify-end">
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-muted">
            The stored body of <strong className="font-mono text-ink">{delivery?.resource}{delivery?.action ? `.${delivery.action}` : ""}</strong> is applied again, exactly
            as if Sentry had just sent it. Changes already applied by another delivery are not applied twice. The attempt is recorded in the audit log.
          </p>
          {reprocess.error && <Alert tone="danger">{reprocess.error.message}</Alert>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button busy={reprocess.isPending} onClick={() => delivery && reprocess.mutate(delivery.id)}>
              Reprocess
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

