import { Card } from "@/components/ui/card";
import { Cell, Table } from "@/components/ui/table";
import type { OutboxConsumerName, OutboxStatus } from "@/lib/outbox";
import { RetryHandlingButton } from "./retry-handling-button";

const CONSUMER_LABEL: Record<OutboxConsumerName, string> = {
  rules: "Remediation rules",
  alerts: "Alert routing",
  loop: "Remediation loop",
  "loop-resolve": "Resolving in Sentry",
  "alert-send": "Alert sends",
};

/** Whole seconds, minutes or hours: a lag reads at a glance. */
function formatAge(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/**
 * The automation pipeline as operators see it: how far behind each consumer of Sentry's
 * changes is, and the events a consumer gave up on, with their error and a retry.
 */
export function OutboxPanel({ status, canRetry }: { status: OutboxStatus; canRetry: boolean }) {
  return (
    <Card title="Automation pipeline (outbox)" className="mt-6">
      <p className="mb-3 text-sm text-muted">
        Every change from Sentry is stored with the work it causes (rules, alerts, the remediation loop, resolves in Sentry, alert sends); workers take that work off the request path and retry it. Lag is the age of the oldest change
        a consumer has not handled yet.
      </p>
      <Table caption="Outbox consumers" head={["Consumer", "Waiting", "Lag", "Dead"]}>
        {status.consumers.map((consumer) => (
          <tr key={consumer.consumer} data-testid="outbox-consumer">
            <Cell className="font-medium">{CONSUMER_LABEL[consumer.consumer]}</Cell>
            <Cell className="tabular-nums">{consumer.pending}</Cell>
            <Cell className="tabular-nums">{formatAge(consumer.oldestPendingAgeMs)}</Cell>
            <Cell className={`tabular-nums ${consumer.dead ? "text-danger" : ""}`}>{consumer.dead}</Cell>
          </tr>
        ))}
      </Table>
      {status.dead.length > 0 && (
        <div className="mt-4">
          <h3 className="mb-2 text-sm font-semibold">Gave up after every attempt</h3>
          <ul className="divide-y divide-border text-sm">
            {status.dead.map((handling) => (
              <li key={handling.seq} className="flex flex-wrap items-start justify-between gap-3 py-2" data-testid="outbox-dead">
                <div className="min-w-0">
                  <p>
                    {CONSUMER_LABEL[handling.consumer as keyof typeof CONSUMER_LABEL] ?? handling.consumer} · <span className="font-mono text-xs">{handling.topic}</span> ·{" "}
                    <span className="font-mono text-xs">{handling.streamKey}</span> · {handling.attempts} attempts
                  </p>
                  <p className="break-words text-danger">{handling.lastError ?? "no error recorded"}</p>
                </div>
                {canRetry && <RetryHandlingButton seq={handling.seq} />}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
