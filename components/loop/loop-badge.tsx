import { Badge, type Tone } from "@/components/ui/badge";
import { LOOP_LABELS, type LoopState } from "@/lib/loop/model";

const LOOP_TONES: Record<LoopState, Tone> = { resolving: "info", verifying: "info", verified: "ok", ineffective: "danger", resolve_failed: "warn" };

export function LoopBadge({ state }: { state: LoopState }) {
  return <Badge tone={LOOP_TONES[state]}>{LOOP_LABELS[state]}</Badge>;
}
