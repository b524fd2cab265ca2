"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import type { ConnectionCheck } from "@/lib/sentry";

/** The "Check API token" button: asks the server to call Sentry and shows what it said. */
export function SentryConnectionCheck({ configured }: { configured: boolean }) {
  const check = useMutation({ mutationFn: () => apiFetch<ConnectionCheck>("/api/settings/sentry/check", { method: "POST" }) });
  return (
    <div className="space-y-3">
      <Button variant="secondary" busy={check.isPending} onClick={() => check.mutate()} disabled={!configured}>
        Check API token
      </Button>
      {!configured && <p className="text-xs text-muted">Set SENTRY_API_TOKEN and SENTRY_ORG first.</p>}
      {check.data && (
        <Alert tone={check.data.ok ? "ok" : "danger"}>
          <span data-testid="sentry-check-result">{check.data.message}</span>
        </Alert>
      )}
      {check.error && <Alert tone="danger">{check.error.message}</Alert>}
    </div>
  );
}

/** The webhook URL with a copy button. */
export function CopyableUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code data-testid="sentry-webhook-url" className="min-w-0 flex-1 break-all rounded-md bg-canvas px-3 py-2 font-mono text-xs">
        {url}
      </code>
      <Button
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard?.writeText(url).catch(() => {});
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
