import type { ReactNode } from "react";

const tones = {
  danger: "border-red-200 bg-red-50 text-danger",
  warn: "border-amber-200 bg-amber-50 text-warn",
  info: "border-sky-200 bg-sky-50 text-info",
  ok: "border-green-200 bg-green-50 text-ok",
};

export function Alert({ tone = "info", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <div role={tone === "danger" ? "alert" : "status"} className={`rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
