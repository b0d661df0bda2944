// Before any test file imports lib/*: point this worker at its own database (cloned from the
// migrated template) and its own Redis key prefix, so parallel workers never share state.
import pg from "pg";
import { randomUUID } from "node:crypto";
import { adminUrl, TEMPLATE_DB, WORKER_DB_PREFIX } from "./helpers/databases";

const worker = process.env.VITEST_POOL_ID ?? "0";
const database = `${WORKER_DB_PREFIX}${worker}`;

if (!process.env.LATCH_TEST_DB_READY) {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  process.env.LATCH_TEST_DB_READY = "1";
}

process.env.DATABASE_URL = adminUrl(database);
process.env.REDIS_URL ??= process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
process.env.REDIS_KEY_PREFIX = `latch:test:${worker}:${randomUUID().slice(0, 8)}:`;
process.env.LOG_LEVEL ??= "silent";
process.env.LATCH_USAGE_CLAIM_IDLE_MS ??= "1000";
// A loaded machine must not turn into failed Redis commands or pool waits: the production
// bounds (1 s, 2 s) are for outages, and the tests of outages set their own.
process.env.LATCH_REDIS_COMMAND_TIMEOUT_MS ??= "15000";
process.env.LATCH_DB_TRANSACTION_WAIT_MS ??= "30000";
// The fake provider and IdP live on loopback.
process.env.LATCH_ALLOW_PRIVATE_UPSTREAMS ??= "true";
