// DATABASE_REPLICA_URL: usage dashboards, the usage API and exports read the replica; writes and
// configuration reads stay on the primary. The "replica" is a second database on the same server
// that receives the org's rows only when the test copies them, so a read that shows the copied
// state, not the primary's newer one, must have gone to the replica (the copy lags on purpose).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, TEMPLATE_DB, WORKER_DB_PREFIX } from "@/tests/helpers/databases";

const REPLICA = `${WORKER_DB_PREFIX}replica_${randomUUID().slice(0, 8)}`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Before lib/env is loaded: it reads the setting once.
await withClient(adminUrl(), (c) => c.query(`CREATE DATABASE "${REPLICA}" TEMPLATE "${TEMPLATE_DB}"`));
process.env.DATABASE_REPLICA_URL = adminUrl(REPLICA);

const { db } = await import("@/lib/db");
const { readDb } = await import("@/lib/db/replica");
const { writeUsageBatch } = await import("@/lib/usage/writer");
const { usageTotals } = await import("@/lib/usage/attribution");
const { usageCsv } = await import("@/lib/usage/csv");
const { spendByKey } = await import("@/lib/usage/queries-for-keys");
const { startAppServer } = await import("@/tests/helpers/app-server");
const { createApiOrg, managementClient } = await import("@/tests/helpers/management-client");
type UsageEvent = import("@/lib/usage/event").UsageEvent;

const COPIED = [
  ["Organization", "id"],
  ["UsageEvent", "orgId"],
  ["UsageRollup", "orgId"],
  ["UsageRollupDaily", "orgId"],
] as const;

/** Brings the replica up to date with the primary for one org (what streaming replication does for all). */
async function replicate(orgId: string) {
  await withClient(process.env.DATABASE_URL!, (primary) =>
    withClient(adminUrl(REPLICA), async (replica) => {
      for (const [table, column] of [...COPIED].reverse()) await replica.query(`DELETE FROM "${table}" WHERE "${column}" = $1`, [orgId]);
      for (const [table, column] of COPIED) {
        const { rows } = await primary.query(`SELECT coalesce(jsonb_agg(t), '[]') AS rows FROM "${table}" t WHERE "${column}" = $1`, [orgId]);
        await replica.query(`INSERT INTO "${table}" SELECT * FROM jsonb_populate_recordset(null::"${table}", $1)`, [JSON.stringify(rows[0].rows)]);
      }
    }),
  );
}

let app: Awaited<ReturnType<typeof startAppServer>>;
let t: Awaited<ReturnType<typeof createApiOrg>>;
const month = new Date();
month.setUTCDate(1);
const range = { from: new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1)), to: new Date(Date.now() + 60_000) };

function event(costUsd: number, keyId: string): UsageEvent {
  return {
    id: `req_${randomUUID()}`,
    orgId: t.org.id,
    keyId,
    userId: null,
    teamId: null,
    provider: "openai",
    model: "m",
    endpoint: "chat.completions",
    inputTokens: 10,
    outputTokens: 5,
    cachedInputTokens: 0,
    costUsd,
    priced: true,
    status: 200,
    outcome: "success",
    errorCode: null,
    stream: false,
    latencyMs: 5,
    ttftMs: null,
    clientIp: null,
    userAgent: null,
    createdAt: new Date(Math.max(range.from.getTime(), Date.now() - 1000)),
  };
}

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
});
afterAll(async () => {
  await app.close();
  await readDb.$disconnect();
  await withClient(adminUrl(), (c) => c.query(`DROP DATABASE IF EXISTS "${REPLICA}" WITH (FORCE)`));
});

describe("read replica", () => {
  it("serves dashboards, the usage API and exports from the replica, never writes to it", async () => {
    expect(readDb).not.toBe(db);
    const first = event(2, "key_a");
    await writeUsageBatch([first]);
    await replicate(t.org.id);
    const lagging = event(5, "key_a");
    await writeUsageBatch([lagging]); // on the primary only, until the next copy

    const actor = { kind: "system", orgId: t.org.id } as const;
    expect(await usageTotals({ actor, range })).toMatchObject({ requests: 1, costUsd: 2 });
    expect(await spendByKey(t.org.id, [{ keyId: "key_a", window: { start: range.from.getTime(), end: null } }])).toEqual(new Map([["key_a", 2]]));
    const exported = JSON.parse(await new Response(usageCsv({ actor, range, format: "json" })).text()) as { id: string }[];
    expect(exported.map((r) => r.id)).toEqual([first.id]);
    const reader = managementClient(app.url, (await t.token(["usage:read"])).secret);
    const viaApi = await reader.call("getUsage", { query: { group_by: "key" } });
    expect(viaApi.body).toMatchObject({ total: { requests: 1, cost_usd: 2 }, data: [expect.objectContaining({ group: "key_a", requests: 1 })] });

    // The writes went to the primary, and the replica's sessions refuse writes.
    expect(await db.usageEvent.count({ where: { orgId: t.org.id } })).toBe(2);
    await expect(readDb.$executeRaw`UPDATE "UsageEvent" SET "costUsd" = 0 WHERE "orgId" = ${t.org.id}`).rejects.toThrow(/read-only transaction/);

    await replicate(t.org.id);
    expect(await usageTotals({ actor, range })).toMatchObject({ requests: 2, costUsd: 7 });
    expect((await reader.call("getUsage")).body).toMatchObject({ total: { requests: 2, cost_usd: 7 } });
  });
});
