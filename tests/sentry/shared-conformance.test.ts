import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { parseCheckIn } from "@/lib/monitors";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { loadCheckInFixtures } from "../support/sentry-checkins";
import { deliverSentryWebhook, loadWebhookFixtures } from "../support/sentry-webhooks";

/**
 * An extra conformance suite: the Sentry corpus kept beside the repository in
 * `../shared/fixtures/sentry` (payloads from Sentry's docs, check-in items from Relay's tests).
 * A fresh clone has nothing beside it, so this suite is skipped there and says so; the
 * repository's own fixtures under tests/fixtures/ are what `npm test` relies on.
 * SHARED_FIXTURES_DIR points at another `fixtures` folder.
 */
const SHARED_FIXTURES_DIR = path.resolve(process.env.SHARED_FIXTURES_DIR ?? path.join(import.meta.dirname, "..", "..", "..", "shared", "fixtures"));
const CORPUS = path.join(SHARED_FIXTURES_DIR, "sentry");
const present = existsSync(CORPUS);
if (!present) console.warn(`shared Sentry conformance corpus not found at ${CORPUS}: skipped`);

const SECRET = "conformance-client-secret";

describe.skipIf(!present)(`shared Sentry conformance corpus (${CORPUS})`, () => {
  const webhooks = present ? loadWebhookFixtures(path.join(CORPUS, "webhooks")) : [];
  const checkIns = present ? loadCheckInFixtures(path.join(CORPUS, "checkins")) : [];

  it("holds webhook payloads, and check-in items Relay accepts and refuses", () => {
    expect(webhooks.length).toBeGreaterThan(0);
    expect(checkIns.some((item) => item.valid)).toBe(true);
    expect(checkIns.some((item) => !item.valid)).toBe(true);
  });

  describe("webhook payloads through the signed webhook route", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      delete process.env.SENTRY_CLIENT_SECRET;
      resetConfigForTests();
      await database.close();
    });
    beforeEach(async () => {
      process.env.SENTRY_CLIENT_SECRET = SECRET;
      resetConfigForTests();
      await database.truncateAll();
    });

    for (const sample of webhooks) {
      for (const format of ["compact", "pretty"] as const) {
        it(`stores and applies ${sample.name} (${format})`, async () => {
          const response = await deliverSentryWebhook(sample[format], sample.resource, SECRET);
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          expect(response.body.outcome).toBe("processed");
          const delivery = await database.db.webhookDelivery.findUniqueOrThrow({ where: { id: response.body.deliveryId } });
          expect(delivery).toMatchObject({ resource: sample.resource, action: sample.body.action, status: "processed", signatureOk: true, rawBody: sample[format] });
        });
      }
    }
  });

  describe("check-in items through the check-in parser", () => {
    for (const item of checkIns) {
      it(`${item.valid ? "accepts" : "refuses"} ${item.name}`, () => {
        const result = parseCheckIn(String(item.body.monitor_slug ?? ""), {}, item.body);
        expect(result.ok, JSON.stringify(result)).toBe(item.valid);
      });
    }
  });
});
