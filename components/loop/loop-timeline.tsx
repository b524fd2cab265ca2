import Link from "next/link";
import { formatDuration } from "@/components/jobs/job-badges";
import { RelativeTime } from "@/components/issues/relative-time";
import { Card } from "@/components/ui/card";
import type { IssueLoop, StageState } from "@/lib/loop";
import { LoopBadge } from "./loop-badge";

const DOT: Record<StageState, string> = {
  done: "bg-ok text-white",
  current: "bg-info text-white animate-pulse",
  waiting: "bg-slate-200 text-slate-500",
  failed: "bg-danger text-white",
  skipped: "bg-slate-100 text-slate-400",
};
const MARK: Record<StageState, string> = { done: "✓", current: "…", waiting: "", failed: "✕", skipped: "–" };
const STATE_WORDS: Record<StageState, string> = { done: "done", current: "in progress", waiting: "not yet", failed: "failed", skipped: "skipped" };

/**
 * The self-healing loop of an issue as five steps with the time each took: what an operator
 * asks first ("did the fix work, and how long did it take?").
 */
export function LoopTimeline({ loop, serverNow }: { loop: IssueLoop; serverNow: number }) {
  return (
    <Card
      title="Self-healing loop"
      action={
        loop.job ? (
          <span className="flex items-center gap-2 text-xs text-muted">
            {loop.job.verification && <LoopBadge state={loop.job.verification} />}
            <Link href={`/jobs/${loop.job.id}`} className="font-medium text-brand hover:underline">
              {loop.job.script}
            </Link>
          </span>
        ) : undefined
      }
    >
      <ol className="grid gap-4 sm:grid-cols-5" aria-label="Self-healing loop">
        {loop.stages.map((stage, index) => (
          <li key={stage.key} className="relative flex gap-3 sm:flex-col sm:gap-2" data-stage={stage.key} data-state={stage.state}>
            {index > 0 && <span aria-hidden className={`absolute -left-2 top-3 hidden h-0.5 w-4 -translate-x-full sm:block ${stage.state === "waiting" || stage.state === "skipped" ? "bg-slate-200" : "bg-ok/60"}`} />}
            <span aria-hidden className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${DOT[stage.state]}`}>
              {MARK[stage.state]}
            </span>
            <div className="min-w-0 space-y-0.5">
              <p className="text-sm font-medium text-ink">
                {stage.label}
                <span className="sr-only"> ({STATE_WORDS[stage.state]})</span>
              </p>
              {stage.at && (
                <p className="text-xs text-muted">
                  <RelativeTime iso={stage.at} serverNow={serverNow} />
                  {stage.tookMs !== null && index > 0 && <span className="ml-1 font-medium text-ink/70">+{formatDuration(stage.tookMs)}</span>}
                </p>
              )}
              {stage.remainingMs !== null && <p className="text-xs text-info">Quiet window ends in {formatDuration(stage.remainingMs)}</p>}
              {stage.detail && <p className="break-words text-xs text-muted">{stage.detail}</p>}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
