import type { TimelineBucket } from "@/lib/monitors";
import { STATUS_BAR } from "./monitor-badges";

const LEGEND = [
  ["ok", "OK"],
  ["error", "Failed"],
  ["timeout", "Timed out"],
  ["missed", "Missed"],
  ["in_progress", "In progress"],
] as const;

function describe(bucket: TimelineBucket): string {
  const counts = Object.entries(bucket.counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status.replace("_", " ")}`)
    .join(", ");
  const range = `${new Date(bucket.from).toUTCString().slice(5, 22)} – ${new Date(bucket.to).toUTCString().slice(17, 22)} UTC`;
  return `${range}: ${counts || "no check-ins"}`;
}

/** Sentry's crons timeline: one bar per slice of the window, coloured by its worst check-in. */
export function CheckInTimeline({ buckets }: { buckets: TimelineBucket[] }) {
  return (
    <figure>
      <ol className="flex h-10 items-stretch gap-px" aria-label="Check-in timeline, oldest first">
        {buckets.map((bucket) => (
          <li key={bucket.from} className="flex-1" title={describe(bucket)}>
            <span className="sr-only">{describe(bucket)}</span>
            <span className={`block h-full rounded-sm ${bucket.worst ? STATUS_BAR[bucket.worst] : "bg-slate-100"}`} data-status={bucket.worst ?? "none"} />
          </li>
        ))}
      </ol>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
        {LEGEND.map(([status, label]) => (
          <span key={status} className="inline-flex items-center gap-1">
            <span className={`inline-block size-2.5 rounded-sm ${STATUS_BAR[status]}`} aria-hidden /> {label}
          </span>
        ))}
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-2.5 rounded-sm bg-slate-100" aria-hidden /> No check-in
        </span>
      </figcaption>
    </figure>
  );
}
