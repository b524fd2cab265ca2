import type { ReactNode } from "react";

export type Tone = "neutral" | "ok" | "warn" | "danger" | "info" | "brand";

const tones: Record<Tone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  ok: "bg-green-50 text-ok ring-green-200",
  warn: "bg-amber-50 text-warn ring-amber-200",
  danger: "bg-red-50 text-danger ring-red-200",
  info: "bg-sky-50 text-info ring-sky-200",
  brand: "bg-indigo-50 text-brand ring-indigo-200",
};

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}
