import { resetConfigForTests } from "@/lib/config";

// Tests never touch a developer's .data folder or DATABASE_URL: each file opens its own
// database through tests/support/database.ts.
(process.env as Record<string, string>).NODE_ENV = "test";
delete process.env.DATABASE_URL;
process.env.DATA_DIR = "memory://";
resetConfigForTests();
