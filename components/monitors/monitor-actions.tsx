"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { apiFetch } from "@/lib/api-client";
import { CheckInCommands } from "./check-in-commands";

/** Admin controls of one monitor: pause, relay to Sentry, a new token (shown once), delete. */
export function MonitorActions({ slug, enabled, relayToSentry, baseUrl, isWorkerMonitor }: { slug: string; enabled: boolean; relayToSentry: boolean; baseUrl: string; isWorkerMonitor: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const run = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    try {
      await action();
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  };
  const patch = (body: Record<string, unknown>) => apiFetch(`/api/monitors/${slug}`, { method: "PATCH", body });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" busy={busy === "enabled"} onClick={() => run("enabled", () => patch({ enabled: !enabled }).then(() => undefined))}>
          {enabled ? "Disable" : "Enable"}
        </Button>
        <Button variant="secondary" busy={busy === "relay"} onClick={() => run("relay", () => patch({ relay_to_sentry: !relayToSentry }).then(() => undefined))}>
          {relayToSentry ? "Stop relaying to Sentry" : "Relay check-ins to Sentry"}
        </Button>
        <Button
          variant="secondary"
          busy={busy === "token"}
          onClick={() =>
            run("token", async () => {
              const result = await apiFetch<{ token: string }>(`/api/monitors/${slug}/token`, { method: "POST", body: {} });
              setToken(result.token);
            })
          }
        >
          New check-in token
        </Button>
        <Button variant="danger" onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
      </div>
      {error && <Alert tone="danger">{error}</Alert>}
      {token && (
        <Alert tone="ok">
          <p className="font-medium">New token for {slug} — copy it now, it is not shown again. The previous token no longer works.</p>
          <p className="mt-1 break-all font-mono text-xs" data-testid="monitor-token">
            {token}
          </p>
          <div className="mt-3">
            <CheckInCommands baseUrl={baseUrl} slug={slug} token={token} />
          </div>
        </Alert>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete monitor ${slug}?`}
        confirmLabel="Delete monitor"
        tone="danger"
        typeToConfirm={slug}
        busy={busy === "delete"}
        error={error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          run("delete", async () => {
            await apiFetch(`/api/monitors/${slug}`, { method: "DELETE" });
            router.push("/monitors");
          })
        }
      >
        <p>Its check-ins and incidents are deleted too.{isWorkerMonitor ? " A worker monitor comes back with the next worker pass." : " The next check-in with a monitor_config creates it again."}</p>
      </ConfirmDialog>
    </div>
  );
}
