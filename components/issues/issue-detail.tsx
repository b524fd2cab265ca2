import Link from "next/link";
import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { IssueDetail, IssueEventSummary, LatestEventView, TimelineItem } from "@/lib/issues";
import type { IssueLoop } from "@/lib/loop";
import type { LoopState } from "@/lib/loop/model";
import { JobStatusBadge } from "@/components/jobs/job-badges";
import { RunRemediationButton } from "@/components/jobs/run-remediation";
import { LoopBadge } from "@/components/loop/loop-badge";
import { LoopTimeline } from "@/components/loop/loop-timeline";
import { EvaluationList } from "@/components/rules/evaluation-list";
import type { EvaluationView } from "@/lib/rules/queries";
import { LevelBadge, StatusBadge } from "./issue-badges";
import { RelativeTime } from "./relative-time";
import { formatExact } from "./time-format";

const number = new Intl.NumberFormat("en-US");

export function IssueDetailView({
  detail,
  loop,
  serverNow,
  canOperate,
  evaluations,
  suggestedScripts,
}: {
  detail: IssueDetail;
  loop: IssueLoop | null;
  serverNow: number;
  canOperate: boolean;
  evaluations: EvaluationView[];
  /** Scripts that rules matching this issue would choose, offered first. */
  suggestedScripts: string[];
}) {
  const { issue } = detail;
  return (
    <div className="space-y-6">
      <IssueHeader detail={detail} />
      {loop && <LoopTimeline loop={loop} serverNow={serverNow} />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <LatestEvent event={detail.latestEvent} serverNow={serverNow} />
          <Timeline items={detail.timeline} serverNow={serverNow} />
          <Card title="Why rules did or didn't fire">
            <EvaluationList evaluations={evaluations} />
          </Card>
          <RecentEvents events={detail.recentEvents} total={issue.count} serverNow={serverNow} />
        </div>
        <div className="space-y-6">
          <RemediationPanel detail={detail} canOperate={canOperate} serverNow={serverNow} suggested={suggestedScripts} />
          <Facts detail={detail} serverNow={serverNow} />
          <Tags tags={detail.tags} />
        </div>
      </div>
    </div>
  );
}

function IssueHeader({ detail }: { detail: IssueDetail }) {
  const { issue, latestEvent, sentryUrl } = detail;
  const exception = latestEvent?.exception;
  // Sentry usually titles an error issue "Type: value"; repeat the exception only when it adds something.
  const headline = exception && `${exception.type ?? "Error"}${exception.value ? `: ${exception.value}` : ""}` !== issue.title ? exception : null;
  return (
    <header className="space-y-3">
      <Link href="/issues" className="inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink">
        <span aria-hidden>←</span> Issues
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <LevelBadge level={issue.level} />
            <StatusBadge status={issue.status} substatus={issue.substatus} />
            {issue.shortId && <span className="font-mono text-xs font-semibold text-ink/80">{issue.shortId}</span>}
            {issue.projectSlug && <span className="text-xs text-muted">in {issue.projectSlug}</span>}
          </div>
          <h1 className="break-words text-2xl font-semibold tracking-tight text-ink">{issue.title}</h1>
          {issue.culprit && <p className="break-all font-mono text-sm text-muted">{issue.culprit}</p>}
          {headline && (
            <p className="text-sm">
              <span className="font-semibold text-danger">{headline.type ?? "Error"}</span>
              {headline.value && <span className="text-ink">: {headline.value}</span>}
            </p>
          )}
        </div>
        {sentryUrl && (
          <a
            href={sentryUrl}
            target="_blank"
            rel="noreferrer"
            className="inline-flex shrink-0 items-center gap-2 rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium text-ink shadow-xs hover:bg-canvas"
          >
            Open in Sentry <span aria-hidden>↗</span>
          </a>
        )}
      </div>
    </header>
  );
}

function RemediationPanel({ detail, canOperate, serverNow, suggested }: { detail: IssueDetail; canOperate: boolean; serverNow: number; suggested: string[] }) {
  const { issue, jobs } = detail;
  return (
    <Card title="Remediation" action={jobs.length > 0 ? <Link href={`/jobs?issueId=${issue.id}`} className="text-xs font-medium text-brand hover:underline">All jobs</Link> : undefined}>
      <div className="space-y-3">
        {jobs.length === 0 ? (
          <p className="text-sm text-muted">No remediation job has run for this issue yet.</p>
        ) : (
          <ul className="-my-1 divide-y divide-border text-sm" aria-label="Remediation jobs">
            {jobs.map((job) => (
              <li key={job.jobId} className="flex items-center justify-between gap-3 py-2">
                <Link href={`/jobs/${job.jobId}`} className="min-w-0 truncate font-medium text-ink hover:text-brand">
                  {job.script}
                  <span className="ml-1.5 text-xs font-normal text-muted">{job.tier}</span>
                </Link>
                <span className="flex shrink-0 items-center gap-2 text-xs text-muted">
                  <RelativeTime iso={job.createdAt} serverNow={serverNow} />
                  <JobStatusBadge status={job.status} />
                  {job.verification && <LoopBadge state={job.verification as LoopState} />}
                </span>
              </li>
            ))}
          </ul>
        )}
        {canOperate ? (
          <RunRemediationButton issue={{ id: issue.id, title: issue.title, shortId: issue.shortId }} suggested={suggested} />
        ) : (
          <p className="text-xs text-muted">Operators can run remediation scripts for this issue.</p>
        )}
      </div>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-muted">{label}</dt>
      <dd className="min-w-0 truncate text-right font-medium text-ink">{children ?? <span className="font-normal text-muted">—</span>}</dd>
    </div>
  );
}

function Facts({ detail, serverNow }: { detail: IssueDetail; serverNow: number }) {
  const { issue } = detail;
  return (
    <Card title="Details">
      <dl className="-my-2 divide-y divide-border text-sm">
        <Fact label="First seen">{issue.firstSeen && <RelativeTime iso={issue.firstSeen} serverNow={serverNow} />}</Fact>
        <Fact label="Last seen">{issue.lastSeen && <RelativeTime iso={issue.lastSeen} serverNow={serverNow} />}</Fact>
        <Fact label="Events">
          <span className="tabular-nums">{number.format(BigInt(issue.count))}</span>
        </Fact>
        <Fact label="Users">
          <span className="tabular-nums">{number.format(issue.userCount)}</span>
        </Fact>
        <Fact label="Environment">{issue.environment}</Fact>
        <Fact label="Project">{issue.projectSlug}</Fact>
        <Fact label="Platform">{issue.platform}</Fact>
        <Fact label="Assignee">{issue.assignee ?? <span className="font-normal text-muted">Unassigned</span>}</Fact>
        <Fact label="Substatus">{issue.substatus}</Fact>
        <Fact label="Sentry issue id">
          <span className="font-mono text-xs">{issue.sentryId}</span>
        </Fact>
      </dl>
    </Card>
  );
}

function Tags({ tags }: { tags: IssueDetail["tags"] }) {
  return (
    <Card title="Tags of the latest event">
      {tags.length === 0 ? (
        <p className="text-sm text-muted">No tags were received with an event yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag.key} className="inline-flex max-w-full overflow-hidden rounded-md border border-border text-xs">
              <span className="bg-canvas px-2 py-1 text-muted">{tag.key}</span>
              <span className="truncate px-2 py-1 font-medium text-ink" title={tag.value}>
                {tag.value || "—"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function LatestEvent({ event, serverNow }: { event: LatestEventView | null; serverNow: number }) {
  if (!event) {
    return (
      <Card title="Latest event">
        <p className="text-sm text-muted">
          No event has been received for this issue yet. Events arrive with Sentry&apos;s <em>error</em> and <em>event alert</em> webhooks.
        </p>
      </Card>
    );
  }
  return (
    <Card
      title="Latest event"
      action={
        <span className="text-xs text-muted">
          <RelativeTime iso={event.occurredAt} serverNow={serverNow} />
          {event.release && <> · release <span className="font-mono">{event.release}</span></>}
          {event.environment && <> · {event.environment}</>}
        </span>
      }
    >
      <div className="space-y-4">
        <p className="break-all font-mono text-xs text-muted">Event {event.sentryEventId}</p>
        {event.frames.length === 0 ? (
          <p className="text-sm text-muted">This event carried no stack trace.</p>
        ) : (
          <div className="space-y-2">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">
              {event.framesInAppOnly ? "Top in-app frames, most recent call first" : "No frame is marked in-app; innermost frames, most recent call first"}
            </h3>
            <ol className="divide-y divide-border overflow-hidden rounded-md border border-border">
              {event.frames.map((frame, index) => (
                <li key={index} className={index === 0 ? "bg-red-50/40" : ""}>
                  <div className="flex flex-wrap items-baseline gap-x-2 px-3 py-2 font-mono text-xs">
                    <span className="font-semibold text-ink">{frame.function ?? "?"}</span>
                    <span className="text-muted">
                      {frame.filename ?? frame.module ?? "unknown file"}
                      {frame.lineno !== null && <>:{frame.lineno}</>}
                      {frame.colno !== null && <>:{frame.colno}</>}
                    </span>
                    {!frame.inApp && <Badge>library</Badge>}
                  </div>
                  {frame.contextLine && (
                    <pre className="overflow-x-auto border-t border-border bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">
                      {frame.lineno !== null && <span className="mr-3 select-none text-slate-500">{frame.lineno}</span>}
                      {frame.contextLine}
                    </pre>
                  )}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </Card>
  );
}

const kindTone: Record<string, Tone> = {
  created: "brand",
  status_changed: "ok",
  assigned: "info",
  comment: "info",
  alert_triggered: "danger",
  metric_alert: "danger",
  loop_resolved: "ok",
  loop_verified: "ok",
  loop_ineffective: "danger",
  loop_resolve_failed: "warn",
};
const deliveryTone: Record<string, Tone> = { received: "info", processed: "ok", duplicate: "neutral", unhandled: "warn", failed: "danger" };
const dotColor: Record<Tone, string> = {
  neutral: "bg-slate-300",
  ok: "bg-ok",
  warn: "bg-warn",
  danger: "bg-danger",
  info: "bg-info",
  brand: "bg-brand",
};

function timelineTone(item: TimelineItem): Tone {
  if (item.kind === "delivery") return item.status === "failed" ? "danger" : "neutral";
  return kindTone[item.kind] ?? (item.jobId ? "brand" : "neutral");
}

function Timeline({ items, serverNow }: { items: TimelineItem[]; serverNow: number }) {
  return (
    <Card title="Timeline" action={<span className="text-xs text-muted">Oldest first · deliveries, status changes, comments, alerts and jobs</span>}>
      {items.length === 0 ? (
        <p className="text-sm text-muted">Nothing has happened to this issue yet.</p>
      ) : (
        <ol className="relative space-y-4 border-l border-border pl-5" aria-label="Timeline" data-testid="timeline">
          {items.map((item) => (
            <li key={`${item.kind}-${item.id}`} className="relative">
              <span aria-hidden className={`absolute -left-[1.59rem] top-1.5 size-2.5 rounded-full ring-4 ring-surface ${dotColor[timelineTone(item)]}`} />
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <p className="text-sm text-ink">
                  {item.summary}
                  {item.kind === "delivery" && item.status && (
                    <span className="ml-2 align-middle">
                      <Badge tone={deliveryTone[item.status] ?? "neutral"}>{item.status}</Badge>
                    </span>
                  )}
                </p>
                <span className="whitespace-nowrap text-xs text-muted">
                  <RelativeTime iso={item.at} serverNow={serverNow} />
                </span>
              </div>
              <p className="mt-0.5 text-xs text-muted">
                {item.kind === "delivery" ? "Sentry webhook" : item.kind.replaceAll("_", " ")}
                {item.actor && item.kind !== "delivery" && <> · by {item.actor}</>}
                <span className="sr-only"> at {formatExact(item.at)}</span>
              </p>
              {item.error && <p className="mt-1 rounded bg-red-50 px-2 py-1 font-mono text-xs text-danger">{item.error}</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function RecentEvents({ events, total, serverNow }: { events: IssueEventSummary[]; total: string; serverNow: number }) {
  return (
    <Card title="Recent events" action={<span className="text-xs text-muted">{events.length > 0 ? `${events.length} most recent · ${number.format(BigInt(total))} in Sentry` : null}</span>}>
      {events.length === 0 ? (
        <p className="text-sm text-muted">No events stored yet.</p>
      ) : (
        <div className="-mx-5 -my-5 overflow-x-auto">
          <table className="min-w-full divide-y divide-border text-sm">
            <caption className="sr-only">Recent events</caption>
            <thead className="bg-canvas">
              <tr>
                {["When", "Event", "Release", "Environment", "Via"].map((head) => (
                  <th key={head} scope="col" className="whitespace-nowrap px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-muted">
                    {head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {events.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-4 py-2 text-muted">
                    <RelativeTime iso={event.occurredAt} serverNow={serverNow} />
                  </td>
                  <td className="max-w-xs px-4 py-2">
                    <p className="truncate" title={event.title ?? event.message ?? undefined}>
                      {event.title ?? event.message ?? "—"}
                    </p>
                    <p className="truncate font-mono text-xs text-muted">{event.sentryEventId}</p>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{event.release ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-2">{event.environment ?? "—"}</td>
                  <td className="whitespace-nowrap px-4 py-2 text-muted">
                    {event.source}
                    {event.triggeredRule && <span className="block text-xs">rule: {event.triggeredRule}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
