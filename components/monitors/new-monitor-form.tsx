"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { ApiError, apiFetch } from "@/lib/api-client";
import { CheckInCommands } from "./check-in-commands";

const UNITS = ["minute", "hour", "day", "week", "month", "year"].map((unit) => ({ value: unit, label: `${unit}s` }));

/**
 * Admins create a monitor before its first check-in, to get its token and curl lines. Field
 * errors come back from the API under Sentry's names (monitor_config.schedule.value, …).
 */
export function NewMonitorForm({ baseUrl }: { baseUrl: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [scheduleType, setScheduleType] = useState<"crontab" | "interval">("crontab");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [created, setCreated] = useState<{ slug: string; token: string } | null>(null);

  const shownFields = new Set<string>();
  const fieldError = (field: string) => {
    shownFields.add(field);
    return error?.field === field ? error.message : undefined;
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => (form.get(name) ? Number(form.get(name)) : undefined);
    const body = {
      slug: String(form.get("slug") ?? "").trim(),
      name: String(form.get("name") ?? "").trim() || undefined,
      monitor_config: {
        schedule: scheduleType === "crontab" ? { type: "crontab", value: String(form.get("crontab") ?? "") } : { type: "interval", value: number("every"), unit: String(form.get("unit")) },
        checkin_margin: number("margin"),
        max_runtime: number("maxRuntime"),
        timezone: String(form.get("timezone") ?? "").trim() || undefined,
        failure_issue_threshold: number("failures"),
        recovery_threshold: number("recoveries"),
      },
    };
    setBusy(true);
    setError(null);
    try {
      setCreated(await apiFetch<{ slug: string; token: string }>("/api/monitors", { method: "POST", body }));
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? { field: caught.field, message: caught.message } : { message: String(caught) });
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <Alert tone="ok">
        <p className="font-medium">Monitor {created.slug} created. Copy its token now — it is not shown again.</p>
        <p className="mt-1 break-all font-mono text-xs" data-testid="monitor-token">
          {created.token}
        </p>
        <div className="mt-3">
          <CheckInCommands baseUrl={baseUrl} slug={created.slug} token={created.token} />
        </div>
        <Button className="mt-3" variant="secondary" onClick={() => (setCreated(null), setOpen(false))}>
          Done
        </Button>
      </Alert>
    );
  }
  if (!open) return <Button onClick={() => setOpen(true)}>New monitor</Button>;
  return (
    <form onSubmit={submit} className="grid gap-4 rounded-lg border border-border bg-surface p-5 sm:grid-cols-2" aria-label="New monitor">
      <TextField label="Slug" name="slug" required placeholder="nightly-backup" hint="Lowercase letters, digits, - and _ (Sentry's rules)." error={fieldError("slug")} />
      <TextField label="Name" name="name" placeholder="Nightly backup" error={fieldError("name")} />
      <SelectField
        label="Schedule"
        name="scheduleType"
        value={scheduleType}
        onChange={(event) => setScheduleType(event.target.value as "crontab" | "interval")}
        options={[
          { value: "crontab", label: "Crontab" },
          { value: "interval", label: "Interval" },
        ]}
      />
      {scheduleType === "crontab" ? (
        <TextField label="Crontab" name="crontab" required defaultValue="0 * * * *" hint="5 fields, or @hourly, @daily, …" error={fieldError("monitor_config.schedule.value") ?? fieldError("monitor_config.schedule")} />
      ) : (
        <div className="grid grid-cols-2 gap-2">
          <TextField label="Every" name="every" type="number" min={1} required defaultValue={5} error={fieldError("monitor_config.schedule.value")} />
          <SelectField label="Unit" name="unit" options={UNITS} defaultValue="minute" error={fieldError("monitor_config.schedule.unit")} />
        </div>
      )}
      <TextField label="Check-in margin (minutes)" name="margin" type="number" min={1} defaultValue={1} hint="Late by more than this is missed." error={fieldError("monitor_config.checkin_margin")} />
      <TextField label="Max runtime (minutes)" name="maxRuntime" type="number" min={1} defaultValue={30} hint="In progress longer than this is a timeout." error={fieldError("monitor_config.max_runtime")} />
      <TextField label="Timezone" name="timezone" defaultValue="UTC" hint="IANA name, e.g. Europe/Berlin" error={fieldError("monitor_config.timezone")} />
      <div className="grid grid-cols-2 gap-2">
        <TextField label="Failures to open an incident" name="failures" type="number" min={1} max={720} defaultValue={1} error={fieldError("monitor_config.failure_issue_threshold")} />
        <TextField label="Oks to resolve it" name="recoveries" type="number" min={1} max={720} defaultValue={1} error={fieldError("monitor_config.recovery_threshold")} />
      </div>
      {error && !(error.field && shownFields.has(error.field)) && (
        <div className="sm:col-span-2">
          <Alert tone="danger">{error.message}</Alert>
        </div>
      )}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" busy={busy}>
          Create monitor
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
