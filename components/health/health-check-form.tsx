"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/api-client";
import { bodyFromDraft, type HealthCheckFormDraft } from "@/lib/health/form-draft";
import { HEALTH_CHECK_KINDS, KIND_LABELS, MAX_TIMEOUT_MS, MIN_INTERVAL_SECONDS, REDACTED, type HealthCheckKind } from "@/lib/health/model";
import type { HealthCheckView } from "@/lib/health/views";

const SECRET_HINT = `Write a secret here (stored, shown as ${REDACTED} afterwards) or reference one: {{secret.NAME}} reads REMEDIATION_SECRET_NAME where the worker runs.`;
const KEEP_HINT = `${REDACTED} keeps the stored value.`;

function Checkbox({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (checked: boolean) => void; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm text-ink">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="mt-0.5 size-4 accent-brand" />
      <span>
        {label}
        {hint && <span className="block text-xs text-muted">{hint}</span>}
      </span>
    </label>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-md border border-border p-4">
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-muted">{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Creates a check, or edits one (`checkId`). The server validates; its error lands on the field
 * it names. Stored secrets come back as *** and stay as they are unless retyped.
 */
export function HealthCheckFormDialog({ open, onClose, checkId, initial, onSaved }: { open: boolean; onClose: () => void; checkId?: string; initial: HealthCheckFormDraft; onSaved?: (check: HealthCheckView) => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      checkId ? apiFetch<{ check: HealthCheckView }>(`/api/health-checks/${checkId}`, { method: "PUT", body }) : apiFetch<{ check: HealthCheckView }>("/api/health-checks", { method: "POST", body }),
    onSuccess: async ({ check }) => {
      await queryClient.invalidateQueries({ queryKey: ["health-checks"] });
      await queryClient.invalidateQueries({ queryKey: ["health-check", check.id] });
      onSaved?.(check);
      close();
    },
  });
  const apiError = save.error instanceof ApiError ? save.error : null;
  const errorOn = (field: string) => (apiError?.field === field || apiError?.field?.startsWith(`${field}.`) ? apiError.message : undefined);
  const editing = checkId !== undefined;

  function close() {
    save.reset();
    setDraft(initial);
    onClose();
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    event.stopPropagation();
    save.mutate(bodyFromDraft(draft));
  }
  const set = (changes: Partial<HealthCheckFormDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const setHttp = (changes: Partial<HealthCheckFormDraft["http"]>) => setDraft((current) => ({ ...current, http: { ...current.http, ...changes } }));
  const setRedis = (changes: Partial<HealthCheckFormDraft["redis"]>) => setDraft((current) => ({ ...current, redis: { ...current.redis, ...changes } }));
  const headerError = apiError?.field?.startsWith("target.headers") ? apiError.message : undefined;

  return (
    <Dialog open={open} onClose={close} title={editing ? `Edit “${initial.name}”` : "New health check"} wide>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" value={draft.name} onChange={(event) => set({ name: event.target.value })} placeholder="Payments API" error={errorOn("name")} autoFocus={!editing} />
          <SelectField
            label="Kind"
            value={draft.kind}
            onChange={(event) => set({ kind: event.target.value as HealthCheckKind })}
            options={HEALTH_CHECK_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
            error={errorOn("kind")}
          />
        </div>

        {draft.kind === "http" && (
          <Fieldset legend="HTTP(S) request">
            <TextField label="URL" value={draft.http.url} onChange={(event) => setHttp({ url: event.target.value })} placeholder="https://api.example.com/health" error={errorOn("target.url")} hint={editing && draft.http.url.includes(REDACTED) ? KEEP_HINT : "Credentials in the URL are sent as Basic authentication."} />
            <div className="grid gap-4 sm:grid-cols-3">
              <SelectField label="Method" value={draft.http.method} onChange={(event) => setHttp({ method: event.target.value as "GET" | "HEAD" })} options={[{ value: "GET", label: "GET" }, { value: "HEAD", label: "HEAD" }]} error={errorOn("target.method")} />
              <TextField label="Expected status" value={draft.http.expectedStatus} onChange={(event) => setHttp({ expectedStatus: event.target.value })} placeholder="any 2xx" hint="Comma-separated, e.g. 200, 204" error={errorOn("target.expectedStatus")} />
              <TextField label="Latency threshold (ms)" inputMode="numeric" value={draft.http.latencyThresholdMs} onChange={(event) => setHttp({ latencyThresholdMs: event.target.value })} placeholder="none" hint="Slower counts as down" error={errorOn("target.latencyThresholdMs")} />
            </div>
            {draft.http.method === "GET" && <TextField label="Body contains" value={draft.http.bodyContains} onChange={(event) => setHttp({ bodyContains: event.target.value })} placeholder='"status":"ok"' error={errorOn("target.bodyContains")} />}
            <div className="space-y-2">
              <p className="text-sm font-medium text-ink">Headers</p>
              {draft.http.headers.map((header, index) => (
                <div key={index} className="flex items-start gap-2" data-testid="header-row">
                  <input
                    aria-label={`Header ${index + 1} name`}
                    value={header.name}
                    placeholder="Authorization"
                    onChange={(event) => setHttp({ headers: draft.http.headers.map((h, i) => (i === index ? { ...h, name: event.target.value } : h)) })}
                    className="block w-2/5 rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
                  />
                  <input
                    aria-label={`Header ${index + 1} value`}
                    value={header.value}
                    placeholder="Bearer {{secret.API_TOKEN}}"
                    onChange={(event) => setHttp({ headers: draft.http.headers.map((h, i) => (i === index ? { ...h, value: event.target.value } : h)) })}
                    className="block flex-1 rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
                  />
                  <Button type="button" variant="ghost" aria-label={`Remove header ${index + 1}`} onClick={() => setHttp({ headers: draft.http.headers.filter((_, i) => i !== index) })}>
                    ✕
                  </Button>
                </div>
              ))}
              {headerError && (
                <p className="text-xs text-danger" role="alert">
                  {headerError}
                </p>
              )}
              <div className="flex items-center justify-between gap-2">
                <p className="text-xs text-muted">Header values are treated as secrets. {SECRET_HINT}</p>
                <Button type="button" variant="secondary" className="shrink-0 whitespace-nowrap" onClick={() => setHttp({ headers: [...draft.http.headers, { name: "", value: "" }] })}>
                  Add header
                </Button>
              </div>
            </div>
            <Checkbox label="Follow redirects" checked={draft.http.followRedirects} onChange={(followRedirects) => setHttp({ followRedirects })} hint="Off: a 3xx is judged as it is (list it in Expected status to accept it)." />
          </Fieldset>
        )}

        {draft.kind === "tcp" && (
          <Fieldset legend="TCP connect">
            <div className="grid gap-4 sm:grid-cols-3">
              <div className="sm:col-span-2">
                <TextField label="Host" value={draft.tcp.host} onChange={(event) => set({ tcp: { ...draft.tcp, host: event.target.value } })} placeholder="db.internal" error={errorOn("target.host")} />
              </div>
              <TextField label="Port" inputMode="numeric" value={draft.tcp.port} onChange={(event) => set({ tcp: { ...draft.tcp, port: event.target.value } })} placeholder="5432" error={errorOn("target.port")} />
            </div>
          </Fieldset>
        )}

        {draft.kind === "redis" && (
          <Fieldset legend="Redis PING">
            <SelectField
              label="Connection"
              value={draft.redis.mode}
              onChange={(event) => setRedis({ mode: event.target.value as "resp" | "upstash" })}
              options={[
                { value: "resp", label: "Redis protocol (redis:// or rediss:// URL)" },
                { value: "upstash", label: "Upstash REST (URL and token)" },
              ]}
              error={errorOn("target.mode")}
            />
            {draft.redis.mode === "resp" ? (
              <TextField label="Redis URL" value={draft.redis.url} onChange={(event) => setRedis({ url: event.target.value })} placeholder="rediss://default:{{secret.REDIS_PASSWORD}}@cache.internal:6380" error={errorOn("target.url")} hint={editing && draft.redis.url.includes(REDACTED) ? KEEP_HINT : `A password in the URL is sent with AUTH. ${SECRET_HINT}`} />
            ) : (
              <>
                <TextField label="REST URL" value={draft.redis.restUrl} onChange={(event) => setRedis({ restUrl: event.target.value })} placeholder="https://eu1-example.upstash.io" error={errorOn("target.url")} />
                <TextField label="REST token" value={draft.redis.token} onChange={(event) => setRedis({ token: event.target.value })} placeholder="{{secret.UPSTASH_TOKEN}}" error={errorOn("target.token")} hint={draft.redis.token === REDACTED ? KEEP_HINT : SECRET_HINT} autoComplete="off" />
              </>
            )}
          </Fieldset>
        )}

        {draft.kind === "postgres" && (
          <Fieldset legend="PostgreSQL select 1">
            <TextField label="Connection URL" value={draft.postgres.url} onChange={(event) => set({ postgres: { url: event.target.value } })} placeholder="postgres://monitor:{{secret.PG_PASSWORD}}@db.internal:5432/app" error={errorOn("target.url")} hint={editing && draft.postgres.url.includes(REDACTED) ? KEEP_HINT : SECRET_HINT} autoComplete="off" />
          </Fieldset>
        )}

        <div className="grid gap-4 sm:grid-cols-3">
          <TextField label="Interval (seconds)" inputMode="numeric" value={draft.intervalSeconds} onChange={(event) => set({ intervalSeconds: event.target.value })} hint={`At least ${MIN_INTERVAL_SECONDS}: checks run on the once-a-minute tick`} error={errorOn("intervalSeconds")} />
          <TextField label="Timeout (ms)" inputMode="numeric" value={draft.timeoutMs} onChange={(event) => set({ timeoutMs: event.target.value })} hint={`Up to ${MAX_TIMEOUT_MS} ms`} error={errorOn("timeoutMs")} />
          <div className="pt-7">
            <Checkbox label="Enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
          </div>
        </div>

        {save.error && !apiError?.field && <Alert tone="danger">{save.error.message}</Alert>}
        {apiError?.field && <p className="sr-only">Not saved: {apiError.message}</p>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" busy={save.isPending}>
            {editing ? "Save changes" : "Add check"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
