"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";

interface TickResult {
  durationMs: number;
  jobs: { claimed: number; reaped: number; awaitingCallback: number; finished: Record<string, number> };
}

/** Runs one cron tick now (admins): useful before the cron is set up, or to drain the queue. */
export function RunTickButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  return (
    <div className="flex items-center gap-3">
      {message && (
        <p role="status" className={`text-sm ${message.tone === "ok" ? "text-ok" : "text-danger"}`}>
          {message.text}
        </p>
      )}
      <Button
        variant="secondary"
        busy={busy}
        onClick={async () => {
          setBusy(true);
          setMessage(null);
          try {
            const result = await apiFetch<TickResult>("/api/cron/tick", { method: "POST", body: {} });
            const finished = Object.entries(result.jobs.finished).map(([status, n]) => `${n} ${status.replace("_", " ")}`).join(", ");
            setMessage({ tone: "ok", text: `Tick ran in ${(result.durationMs / 1000).toFixed(1)} s: ${result.jobs.claimed} job(s) claimed${finished ? ` (${finished})` : ""}${result.jobs.reaped ? `, ${result.jobs.reaped} reaped` : ""}.` });
            router.refresh();
          } catch (error) {
            setMessage({ tone: "danger", text: error instanceof Error ? error.message : String(error) });
          } finally {
            setBusy(false);
          }
        }}
      >
        Run tick now
      </Button>
    </div>
  );
}
