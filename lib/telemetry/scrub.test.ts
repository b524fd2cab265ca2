import { describe, expect, it } from "vitest";
import { scrubbingHooks, scrubSecrets, secretValues } from "./scrub";

describe("what goes to Sentry is scrubbed", () => {
  it("replaces the monitor token in Sentry's cron URL form wherever it appears", () => {
    const transaction = {
      transaction: "GET /api/0/cron/nightly-backup/mon_Wa1b2c3d4e5f6/",
      request: { url: "http://ops.example.com/api/0/cron/nightly-backup/mon_Wa1b2c3d4e5f6/?status=ok" },
      spans: [{ description: "POST /api/12/cron/sync/ops_tokenvalue123", data: { "url.path": "/api/12/cron/sync/ops_tokenvalue123/" } }],
    };
    const scrubbed = scrubSecrets(transaction, []);
    expect(JSON.stringify(scrubbed)).not.toMatch(/mon_Wa1b2c3d4e5f6|ops_tokenvalue123/);
    expect(scrubbed.transaction).toBe("GET /api/0/cron/nightly-backup/[token]/");
    expect(scrubbed.request.url).toBe("http://ops.example.com/api/0/cron/nightly-backup/[token]/?status=ok");
  });

  it("replaces configured secret values, and leaves other text and non-plain objects alone", () => {
    const secrets = secretValues({
      SENTRY_CLIENT_SECRET: "client-secret-value",
      REMEDIATION_SECRET_RESTART: "restart-token-value",
      DATABASE_URL: "postgres://ops:db-password-9@db.internal/ops",
      NEXT_PUBLIC_SENTRY_DSN: "https://public@o1.ingest.sentry.io/1",
      SENTRY_ENVIRONMENT: "production",
      CRON_SECRET: "short",
    });
    expect(secrets).toEqual(["client-secret-value", "restart-token-value", "db-password-9"]);
    const when = new Date(0);
    const event = { message: "POST https://restart.internal/?token=restart-token-value failed", extra: { dsn: "db-password-9 in a url", when }, tags: { environment: "production" } };
    const scrubbed = scrubSecrets(event, secrets);
    expect(scrubbed.message).toBe("POST https://restart.internal/?token=[secret] failed");
    expect(scrubbed.extra).toEqual({ dsn: "[secret] in a url", when });
    expect(scrubbed.tags).toEqual({ environment: "production" });
  });

  it("gives Sentry.init hooks that scrub events, streamed spans and breadcrumbs", () => {
    const hooks = scrubbingHooks({ CRON_SECRET: "cron-secret-long-enough" });
    expect(hooks.beforeSend({ message: "bad cron-secret-long-enough" })).toEqual({ message: "bad [secret]" });
    const span = { name: "GET /api/0/cron/a/mon_x12345/", attributes: { "http.target": { value: "/api/0/cron/a/mon_x12345/?status=ok", type: "string" } } };
    expect(hooks.beforeSendSpan(span)).toEqual({ name: "GET /api/0/cron/a/[token]/", attributes: { "http.target": { value: "/api/0/cron/a/[token]/?status=ok", type: "string" } } });
    expect(hooks.beforeBreadcrumb({ data: { url: "/api/0/cron/a/mon_x12345/" } })).toEqual({ data: { url: "/api/0/cron/a/[token]/" } });
  });
});
