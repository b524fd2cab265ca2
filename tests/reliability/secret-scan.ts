// Scenario 6: no secret handed to the app comes back in any answer, page or log line that
// the suite produced. An answer may carry only the secret it exists to hand over once (a new
// API token, a session cookie at sign-in, a monitor's new token).
import type { ReliabilityApp } from "./support/app";

export interface SecretScanResult {
  secrets: number;
  answers: number;
  logBytes: number;
  envelopeItems: number;
  leaks: string[];
}

export function scanForSecrets(app: ReliabilityApp): SecretScanResult {
  const secrets = [...new Set([...Object.values(app.secrets), ...app.extraSecrets])].filter((secret) => secret.length >= 12);
  const leaks: string[] = [];
  const look = (where: string, text: string, allowed: string[] = []) => {
    for (const secret of secrets) {
      if (allowed.includes(secret) || !text.includes(secret)) continue;
      // Where it sits, with the secret itself masked, so the report is safe to print.
      const at = text.indexOf(secret);
      const context = `${text.slice(Math.max(0, at - 120), at)}[SECRET]${text.slice(at + secret.length, at + secret.length + 60)}`;
      leaks.push(`${where} contains a secret starting ${secret.slice(0, 6)}…: …${context}…`);
    }
  };
  for (const answer of app.answers) look(answer.what, answer.text, answer.reveals);
  const logs = [app.server.output(), ...app.otherLogs];
  logs.forEach((log, index) => look(index === 0 ? "the server's output" : `worker process ${index}'s output`, log));
  // Item by item: the suite's items (a span per outbox handling and job run) are together
  // longer than a JavaScript string may be.
  app.dsn.items.forEach((item, index) => look(`envelope item ${index} sent to Sentry`, JSON.stringify(item)));
  return { secrets: secrets.length, answers: app.answers.length, logBytes: logs.reduce((sum, log) => sum + log.length, 0), envelopeItems: app.dsn.items.length, leaks };
}
