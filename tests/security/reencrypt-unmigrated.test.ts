// `npm run secrets:reencrypt` pointed at a database migrations were never deployed to says what
// to run, not Prisma's raw "relation does not exist" with its stack.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, WORKER_DB_PREFIX } from "@/tests/helpers/databases";
import { runScript } from "@/tests/helpers/run-script";

// Under this run's worker prefix, so the run's teardown drops it even if afterAll does not run.
const EMPTY = `${WORKER_DB_PREFIX}unmigrated_${randomUUID().slice(0, 8)}`;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(() => admin((c) => c.query(`CREATE DATABASE "${EMPTY}"`)));
afterAll(() => admin((c) => c.query(`DROP DATABASE IF EXISTS "${EMPTY}" WITH (FORCE)`)));

const reencrypt = () => runScript("reencrypt-secrets.ts", ["--dry-run"], { DATABASE_URL: adminUrl(EMPTY) });

describe("secrets:reencrypt on a database without migrations", () => {
  it("fails with a hint to deploy the migrations, without Prisma's error or a stack", async () => {
    const { code, stdout, stderr } = await reencrypt();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Latch: re-encryption failed: the database lacks Latch's tables \(\w+ is missing\); run npm run db:deploy first\.$/m);
    const output = stdout + stderr;
    for (const raw of ["Invalid `prisma", "does not exist", "42P01", "\n    at "]) expect(output).not.toContain(raw);
  }, 60_000);
});
