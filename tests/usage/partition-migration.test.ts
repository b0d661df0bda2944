// The usage_partitions migration on a database an older release left with events in it: every
// row (usage and tool call events, several months, one ahead of the created range) is kept as it
// was and lands in its month's partition (one far ahead in the DEFAULT partition), and the table
// still refuses a duplicate event.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, WORKER_DB_PREFIX } from "@/tests/helpers/databases";
import { deployMigrations } from "@/lib/db/migrations";

const PREVIOUS = "20261204183746_usage_over_reservation";
const PARTITIONS = "20261204184500_usage_partitions";
const SCRATCH = `${WORKER_DB_PREFIX}partition_migration_${randomUUID().slice(0, 8)}`;
const target = { kind: "postgres" as const, url: adminUrl(SCRATCH) };
const MONTHS = ["2025-01-31 23:59:59.999", "2026-02-01 00:00:00", "2026-10-15 12:00:00", "2031-06-01 08:00:00"];

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const snapshot = (c: pg.Client, table: string) =>
  c.query(`SELECT to_jsonb(t) - 'tableoid' AS row FROM "${table}" t ORDER BY id`).then((r) => r.rows.map((x: { row: unknown }) => x.row));

beforeAll(() => withClient(adminUrl(), (c) => c.query(`CREATE DATABASE "${SCRATCH}"`)));
afterAll(() => withClient(adminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS "${SCRATCH}" WITH (FORCE)`)));

describe("partitioning migration", () => {
  it("moves existing events into monthly partitions unchanged", async () => {
    await deployMigrations(target, { through: PREVIOUS });
    const before = await withClient(target.url, async (c) => {
      await c.query(`INSERT INTO "Organization" (id, slug, name, "updatedAt") VALUES ('org_m', 'm', 'M', now())`);
      for (const [i, at] of MONTHS.entries()) {
        await c.query(
          `INSERT INTO "UsageEvent" (id, "orgId", "keyId", endpoint, status, outcome, "latencyMs", "costUsd", "inputTokens", findings, dimensions, "endUser", "createdAt")
           VALUES ($1, 'org_m', 'key_1', 'chat.completions', 200, 'success', 7, $2, $3, '{"action":"redact","classes":{"email":1}}', '{"cost_center":"cc-1"}', 'u1', $4)`,
          [`req_${i}`, 1.25 * (i + 1), 100 * (i + 1), at],
        );
        await c.query(
          `INSERT INTO "ToolCallEvent" (id, "orgId", "serverSlug", tool, outcome, status, "latencyMs", "bytesIn", "bytesOut", "createdAt")
           VALUES ($1, 'org_m', 'docs', 'search', 'ok', 200, 3, 10, 20, $2)`,
          [`call_${i}`, at],
        );
      }
      return { usage: await snapshot(c, "UsageEvent"), tools: await snapshot(c, "ToolCallEvent") };
    });

    expect(await deployMigrations(target, { through: PARTITIONS })).toEqual([PARTITIONS]);

    await withClient(target.url, async (c) => {
      expect(await snapshot(c, "UsageEvent")).toEqual(before.usage);
      expect(await snapshot(c, "ToolCallEvent")).toEqual(before.tools);
      const homes = await c.query(`SELECT id, tableoid::regclass::text AS part FROM "UsageEvent" ORDER BY id`);
      expect(homes.rows).toEqual([
        { id: "req_0", part: '"UsageEvent_2025_01"' },
        { id: "req_1", part: '"UsageEvent_2026_02"' },
        { id: "req_2", part: '"UsageEvent_2026_10"' },
        { id: "req_3", part: '"UsageEvent_default"' }, // past the months created ahead
      ]);
      const tools = await c.query(`SELECT tableoid::regclass::text AS part FROM "ToolCallEvent" WHERE id = 'call_0'`);
      expect(tools.rows).toEqual([{ part: '"ToolCallEvent_2025_01"' }]);
      const kinds = await c.query(`SELECT relname, relkind FROM pg_class WHERE relname IN ('UsageEvent', 'ToolCallEvent', 'UsageEvent_default') ORDER BY 1`);
      expect(kinds.rows).toEqual([
        { relname: "ToolCallEvent", relkind: "p" },
        { relname: "UsageEvent", relkind: "p" },
        { relname: "UsageEvent_default", relkind: "r" },
      ]);
      await expect(
        c.query(
          `INSERT INTO "UsageEvent" (id, "orgId", endpoint, status, outcome, "latencyMs", "createdAt") VALUES ('req_1', 'org_m', 'x', 200, 'success', 1, $1)`,
          [MONTHS[1]],
        ),
      ).rejects.toThrow(/duplicate key/);
      // The organisation's events still go with it.
      await c.query(`DELETE FROM "Organization" WHERE id = 'org_m'`);
      expect((await c.query(`SELECT count(*)::int AS n FROM "UsageEvent"`)).rows).toEqual([{ n: 0 }]);
    });
  });
});
