"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { RoutePreview } from "@/lib/alerts/queries";

/**
 * Submits a JSON body to an alerts endpoint and refreshes on success. A refusal lands on its
 * field when the form shows that field, else above the button, so none goes unseen.
 */
function useAlertsForm(shownFields: string[]) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (path: string, body: unknown, onDone?: () => void) => {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await apiFetch(path, { method: "POST", body });
      onDone?.();
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && error.field && shownFields.includes(error.field)) setErrors({ [error.field]: error.message });
      else setFormError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { errors, formError, busy, submit };
}
type AlertsForm = ReturnType<typeof useAlertsForm>;

/** A form of useAlertsForm: its busy state and form-level error, and `onSubmit` without the page reload. */
function FormShell({ title, form, onSubmit, submitLabel, children }: { title: string; form: AlertsForm; onSubmit: () => void; submitLabel: string; children: ReactNode }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-md border border-dashed border-border p-4" aria-label={title}>
      <h3 className="text-sm font-semibold text-ink">{title}</h3>
      {children}
      {form.formError && <Alert tone="danger">{form.formError}</Alert>}
      <Button type="submit" busy={form.busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

const SECRET_LABEL: Record<string, { label: string; hint: string }> = {
  slack: { label: "Incoming webhook URL", hint: "https://hooks.slack.com/services/… — stored encrypted, never shown again." },
  pagerduty: { label: "Routing key", hint: "The Events API v2 integration key — stored encrypted, never shown again." },
  webhook: { label: "Signing secret", hint: "At least 16 characters; requests carry x-ops-signature: sha256=HMAC(timestamp.body)." },
  github: { label: "Token", hint: "A token that may comment on pull requests and commits." },
  email: { label: "SMTP password", hint: "Optional; used with the SMTP user — stored encrypted, never shown again." },
};

/** Admins: a Slack, PagerDuty, webhook or GitHub channel; the secret is sent once and sealed on the server. */
export function AddChannelForm({ secretsCanBeStored }: { secretsCanBeStored: boolean }) {
  const form = useAlertsForm(["name", "kind", "settings.url", "settings.repository", "settings.host", "settings.port", "settings.user", "settings.from", "settings.to", "settings.to.0", "secret", "secretEnvVar"]);
  const [kind, setKind] = useState("slack");
  const [name, setName] = useState("");
  const [secret, setSecret] = useState("");
  const [secretEnvVar, setSecretEnvVar] = useState("");
  const [url, setUrl] = useState("");
  const [repository, setRepository] = useState("");
  const [smtp, setSmtp] = useState({ host: "", port: "587", user: "", from: "", to: "" });
  const emailSettings = { host: smtp.host, port: Number(smtp.port), secure: smtp.port === "465", user: smtp.user || undefined, from: smtp.from, to: smtp.to.split(",").map((address) => address.trim()).filter(Boolean) };
  const settings = kind === "webhook" ? { url } : kind === "github" ? { repository } : kind === "email" ? emailSettings : {};
  return (
    <FormShell
      title="Add a channel"
      form={form}
      submitLabel="Add channel"
      onSubmit={() => {
        void form.submit("/api/alerts/channels", { name, kind, settings, ...(secretEnvVar ? { secretEnvVar } : { secret: secret || undefined }) }, () => {
          setName("");
          setSecret("");
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} error={form.errors.name} placeholder="#production-alerts" />
        <SelectField label="Kind" value={kind} onChange={(event) => setKind(event.target.value)} error={form.errors.kind} options={["slack", "pagerduty", "webhook", "email", "github"].map((value) => ({ value, label: value }))} />
      </div>
      {kind === "email" && (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="SMTP host" value={smtp.host} onChange={(event) => setSmtp({ ...smtp, host: event.target.value })} error={form.errors["settings.host"]} placeholder="smtp.example.com" />
          <TextField label="Port" type="number" value={smtp.port} onChange={(event) => setSmtp({ ...smtp, port: event.target.value })} error={form.errors["settings.port"]} hint="587 (STARTTLS) or 465 (TLS)" />
          <TextField label="SMTP user" value={smtp.user} onChange={(event) => setSmtp({ ...smtp, user: event.target.value })} error={form.errors["settings.user"]} />
          <TextField label="From" value={smtp.from} onChange={(event) => setSmtp({ ...smtp, from: event.target.value })} error={form.errors["settings.from"]} placeholder="ops@example.com" />
          <TextField label="To (comma-separated)" value={smtp.to} onChange={(event) => setSmtp({ ...smtp, to: event.target.value })} error={form.errors["settings.to"] ?? form.errors["settings.to.0"]} placeholder="dev@example.com" />
        </div>
      )}
      {kind !== "webhook" && kind !== "email" && (
        <p className="text-xs text-muted">
          The first {kind} channel brings the strategy&apos;s routes for it ({kind === "slack" ? "production → Slack" : kind === "pagerduty" ? "class A production failures and failing production workers → PagerDuty" : "failed build fixes → a GitHub comment"}); change them below.
        </p>
      )}
      {kind === "webhook" && <TextField label="Webhook URL" value={url} onChange={(event) => setUrl(event.target.value)} error={form.errors["settings.url"]} placeholder="https://example.com/alerts" />}
      {kind === "github" && <TextField label="Repository" value={repository} onChange={(event) => setRepository(event.target.value)} error={form.errors["settings.repository"]} placeholder="owner/name" />}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={SECRET_LABEL[kind]!.label}
          type="password"
          autoComplete="off"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          error={form.errors.secret}
          hint={secretsCanBeStored ? SECRET_LABEL[kind]!.hint : "APP_SECRET is not set: keep the secret in ALERT_SECRET_<NAME> instead."}
          disabled={!secretsCanBeStored || Boolean(secretEnvVar)}
        />
        <TextField label="…or from the environment" value={secretEnvVar} onChange={(event) => setSecretEnvVar(event.target.value.toUpperCase())} error={form.errors.secretEnvVar} placeholder="SLACK_PROD" hint="Reads ALERT_SECRET_<name>." />
      </div>
    </FormShell>
  );
}

/** Admins: a route from a few common filters to channels. */
export function AddRouteForm({ channels }: { channels: { id: string; name: string; kind: string }[] }) {
  const form = useAlertsForm(["name", "match.tiers.0", "match.types.0", "channelIds", "throttleSeconds"]);
  const [name, setName] = useState("");
  const [tier, setTier] = useState("");
  const [type, setType] = useState("");
  const [minSeverity, setMinSeverity] = useState("");
  const [chosenChannelId, setChannelId] = useState<string | null>(null);
  // The list can grow after the form first rendered (a channel added above): default to its first.
  const channelId = channels.some((channel) => channel.id === chosenChannelId) ? chosenChannelId! : (channels[0]?.id ?? "");
  const [throttleMinutes, setThrottleMinutes] = useState("5");
  const match = { ...(tier ? { tiers: [tier] } : {}), ...(type ? { types: [type] } : {}), ...(minSeverity ? { minSeverity } : {}) };
  const preview = useQuery({
    queryKey: ["alert-route-preview", match],
    queryFn: () => apiFetch<RoutePreview>("/api/alerts/routes/preview", { method: "POST", body: { match } }),
    enabled: channels.length > 0,
  });
  if (channels.length === 0) return <p className="text-sm text-muted">Add a channel first; routes send to channels.</p>;
  return (
    <FormShell
      title="Add a route"
      form={form}
      submitLabel="Add route"
      onSubmit={() => {
        void form.submit("/api/alerts/routes", { name, match, channelIds: [channelId], throttleSeconds: Math.round(Number(throttleMinutes) * 60) }, () => setName(""));
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} error={form.errors.name} placeholder="Production → Slack" />
        <SelectField label="Tier" value={tier} onChange={(event) => setTier(event.target.value)} error={form.errors["match.tiers.0"]} options={[{ value: "", label: "Any" }, { value: "prod", label: "prod" }, { value: "nonprod", label: "nonprod" }]} />
        <SelectField
          label="Event"
          value={type}
          onChange={(event) => setType(event.target.value)}
          error={form.errors["match.types.0"]}
          options={[{ value: "", label: "Any" }, ...["job.failed", "job.timed_out", "job.needs_approval", "remediation.ineffective", "monitor.failing", "monitor.missed", "health.down", "issue.created", "metric_alert", "outbox.stuck"].map((value) => ({ value, label: value }))]}
        />
        <SelectField label="At least" value={minSeverity} onChange={(event) => setMinSeverity(event.target.value)} options={[{ value: "", label: "Any severity" }, ...["warning", "error", "critical"].map((value) => ({ value, label: value }))]} />
        <SelectField label="Channel" value={channelId} onChange={(event) => setChannelId(event.target.value)} error={form.errors.channelIds} options={channels.map((channel) => ({ value: channel.id, label: `${channel.name} (${channel.kind})` }))} />
        <TextField label="One alert per group every (min)" type="number" min={0} value={throttleMinutes} onChange={(event) => setThrottleMinutes(event.target.value)} error={form.errors.throttleSeconds} />
      </div>
      {preview.data && (
        <div className="rounded-md bg-canvas px-3 py-2 text-xs text-muted" role="status" aria-label="Route preview">
          Would have taken {preview.data.matched} of the last {preview.data.examined} events
          {preview.data.events.length > 0 && (
            <ul className="mt-1 space-y-0.5">
              {preview.data.events.slice(0, 5).map((event) => (
                <li key={event.id} className="truncate">
                  <span className="font-mono">{event.type}</span> · {event.title}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </FormShell>
  );
}

/** Operators: hold alerts of a namespace (or everything) for a while. */
export function SnoozeForm() {
  const form = useAlertsForm(["name", "match.namespaces.0", "endsAt"]);
  const [name, setName] = useState("");
  const [namespace, setNamespace] = useState("");
  const [hours, setHours] = useState("1");
  return (
    <FormShell
      title="Snooze alerts"
      form={form}
      submitLabel="Snooze"
      onSubmit={() => {
        const startsAt = new Date();
        const endsAt = new Date(startsAt.getTime() + Number(hours) * 3600_000);
        void form.submit("/api/alerts/maintenance", { name: name || "Snooze", match: namespace ? { namespaces: [namespace] } : {}, startsAt, endsAt }, () => setName(""));
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Why" value={name} onChange={(event) => setName(event.target.value)} error={form.errors.name} placeholder="Database upgrade" />
        <TextField label="Namespace (empty: all)" value={namespace} onChange={(event) => setNamespace(event.target.value)} error={form.errors["match.namespaces.0"]} />
        <TextField label="For hours" type="number" min={0.25} step={0.25} value={hours} onChange={(event) => setHours(event.target.value)} error={form.errors.endsAt} />
      </div>
    </FormShell>
  );
}

/** Admins: a sample alert to one channel, with the answer shown. */
export function TestChannelButton({ channelId, name }: { channelId: string; name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        busy={busy}
        aria-label={`Send a test alert to ${name}`}
        onClick={async () => {
          setBusy(true);
          try {
            const answer = await apiFetch<{ ok: boolean; result: string }>(`/api/alerts/channels/${channelId}/test`, { method: "POST" });
            setResult(answer.ok ? "Sent" : `Failed: ${answer.result}`);
            router.refresh();
          } catch (error) {
            setResult(error instanceof Error ? error.message : String(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        Send test
      </Button>
      {result && <span className="text-xs text-muted" role="status">{result}</span>}
    </span>
  );
}

/** Admins: turn a route off or on, or remove it (asks first). */
export function RouteActions({ routeId, name, enabled }: { routeId: string; name: string; enabled: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = async (method: "PATCH" | "DELETE", body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/alerts/routes/${routeId}`, { method, body });
      setConfirming(false);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" busy={busy && !confirming} onClick={() => void call("PATCH", { enabled: !enabled })} aria-label={`${enabled ? "Turn off" : "Turn on"} ${name}`}>
        {enabled ? "Turn off" : "Turn on"}
      </Button>
      <Button variant="ghost" onClick={() => setConfirming(true)} aria-label={`Remove ${name}`}>
        Remove
      </Button>
      <ConfirmDialog open={confirming} title={`Remove the route ${name}?`} confirmLabel="Remove route" tone="danger" busy={busy} onConfirm={() => void call("DELETE")} onClose={() => setConfirming(false)}>
        <p>Matching events stop going to its channels. Its past deliveries stay in the log.</p>
      </ConfirmDialog>
      {error && <span className="text-xs text-danger" role="alert">{error}</span>}
    </span>
  );
}
