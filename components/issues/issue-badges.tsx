import { Badge, type Tone } from "@/components/ui/badge";

const levelTone: Record<string, Tone> = { fatal: "danger", error: "danger", warning: "warn", info: "info", debug: "neutral", sample: "neutral" };
const statusTone: Record<string, Tone> = { unresolved: "brand", resolved: "ok", ignored: "neutral" };

export function LevelBadge({ level }: { level: string }) {
  // Fatal outranks error: solid, so it stands out in a column of red outlines.
  if (level === "fatal") {
    return (
      <span className="inline-flex items-center rounded-full bg-danger px-2 py-0.5 text-xs font-semibold text-white">
        <span aria-hidden className="mr-1.5 size-1.5 rounded-full bg-white" />
        fatal
      </span>
    );
  }
  return (
    <Badge tone={levelTone[level] ?? "neutral"}>
      <span aria-hidden className="mr-1.5 size-1.5 rounded-full bg-current" />
      {level}
    </Badge>
  );
}

export function StatusBadge({ status, substatus }: { status: string; substatus?: string | null }) {
  return (
    <Badge tone={statusTone[status] ?? "neutral"}>
      {status}
      {substatus && status === "unresolved" && substatus !== "ongoing" ? <span className="ml-1 font-normal opacity-75">· {substatus}</span> : null}
    </Badge>
  );
}
