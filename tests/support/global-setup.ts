import { applyPendingMigrations, defaultMigrationsDir, pgConnection, withPgClient } from "@/lib/db";
import { adminUrl, TEMPLATE_DATABASE } from "./database-names";

/**
 * With TEST_DATABASE_URL, migrates one template database per run; each test file then gets
 * a copy (CREATE DATABASE ... TEMPLATE), which takes milliseconds instead of a migration.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  await withPgClient(adminUrl(url), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await withPgClient(templateUrl.toString(), (client) => applyPendingMigrations(pgConnection(client), defaultMigrationsDir()));
}
