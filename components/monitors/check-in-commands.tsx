/**
 * The curl lines for a monitor, in both URL forms: this app's API and Sentry's ingest form
 * (the same lines as Sentry's crons docs, with this app's host).
 */
export function checkInCommands(baseUrl: string, slug: string, token = "<token>"): { label: string; command: string }[] {
  const api = `${baseUrl}/api/monitors/${slug}/checkins`;
  return [
    { label: "Start of a run", command: `curl -X POST "${api}?status=in_progress&check_in_id=$CHECK_IN_ID" -H "Authorization: Bearer ${token}"` },
    { label: "End of the run (ok or error, duration in seconds)", command: `curl -X POST "${api}?status=ok&check_in_id=$CHECK_IN_ID&duration=12.5" -H "Authorization: Bearer ${token}"` },
    { label: "Heartbeat only (no start)", command: `curl "${baseUrl}/api/0/cron/${slug}/${token}/?status=ok"` },
    {
      label: "Create or update the monitor with its schedule",
      command: `curl -X POST "${api}" -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" \\\n  -d '{"status":"ok","monitor_config":{"schedule":{"type":"crontab","value":"0 * * * *"},"checkin_margin":5,"max_runtime":30,"timezone":"UTC"}}'`,
    },
  ];
}

export function CheckInCommands({ baseUrl, slug, token }: { baseUrl: string; slug: string; token?: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        Set <code className="font-mono text-xs">CHECK_IN_ID=$(uuidgen)</code> once per run so its start and end pair up. Sentry&apos;s own curl lines work too: swap the host for this app&apos;s and the key for the monitor&apos;s token.
      </p>
      {checkInCommands(baseUrl, slug, token).map((line) => (
        <div key={line.label}>
          <p className="text-xs font-medium text-muted">{line.label}</p>
          <pre className="mt-1 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100">{line.command}</pre>
        </div>
      ))}
    </div>
  );
}
