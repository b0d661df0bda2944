// Synthetic usage for bench/usage-queries.ts, generated inside Postgres (INSERT … SELECT
// generate_series, in chunks) so 10 million events take minutes, not hours: 200 keys, 50 users,
// 10 teams, 8 models, half the requests naming one of 5,000 end users, 2 % rejected, spread evenly
// and in time order over the last DAYS days. Then the hourly and daily rollups, as the writer keeps them.
import type pg from "pg";

export const DAYS = 210;
const CHUNK = 1_000_000;

/** Seeds the unpartitioned table with its key and indexes dropped, then rebuilds them (faster than maintaining them row by row). */
export async function seedEvents(client: pg.Client, orgId: string, events: number, now: Date): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'UsageEvent' AND indexname <> 'UsageEvent_pkey'`,
  );
  await client.query(`ALTER TABLE "UsageEvent" DROP CONSTRAINT "UsageEvent_pkey"`);
  for (const { name } of indexes) await client.query(`DROP INDEX "${name}"`);
  await insertEvents(client, orgId, events, now);
  await client.query(`ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_pkey" PRIMARY KEY (id)`);
  for (const { def } of indexes) await client.query(def);
}

async function insertEvents(client: pg.Client, orgId: string, events: number, now: Date): Promise<void> {
  const start = new Date(now.getTime() - DAYS * 86_400_000);
  for (let from = 1; from <= events; from += CHUNK) {
    const to = Math.min(events, from + CHUNK - 1);
    await client.query(
      `
      INSERT INTO "UsageEvent" (id, "orgId", "keyId", "userId", "teamId", "keyKind", provider, model, endpoint, "inputTokens", "outputTokens",
        "cachedInputTokens", "costUsd", priced, status, outcome, "errorCode", stream, "latencyMs", "endUser", "createdAt")
      SELECT 'req_' || g, $1, 'key_' || (g % 200), 'user_' || (g % 50), 'team_' || (g % 10), 'application', (ARRAY['openai','anthropic'])[1 + g % 2],
        'model_' || (g % 8), 'chat.completions', 100 + g % 900, 20 + g % 300, 0, ((100 + g % 900) * 0.15 + (20 + g % 300) * 0.6) / 1e6,
        true, CASE WHEN g % 50 = 0 THEN 429 ELSE 200 END, (CASE WHEN g % 50 = 0 THEN 'rejected' ELSE 'success' END)::"UsageOutcome",
        CASE WHEN g % 50 = 0 THEN 'rate_limited' END, g % 3 = 0, 50 + g % 500, CASE WHEN g % 2 = 0 THEN 'eu_' || (g % 5000) END,
        $2::timestamp + (g::float8 / $4) * ($5 * interval '1 day')
      FROM generate_series($3::int, $6::int) AS g`,
      [orgId, start.toISOString().slice(0, 23), from, events, DAYS, to],
    );
    process.stdout.write(`\r  seeded ${to.toLocaleString("en")} events`);
  }
  process.stdout.write("\n");
}

export async function seedRollups(client: pg.Client): Promise<void> {
  for (const [table, unit] of [
    ["UsageRollup", "hour"],
    ["UsageRollupDaily", "day"],
  ]) {
    await client.query(`
      INSERT INTO "${table}" (bucket, "orgId", "keyId", "userId", "teamId", "keyKind", provider, model, outcome, "errorCode", requests,
        "inputTokens", "outputTokens", "cachedInputTokens", "costUsd", "unpricedRequests", "latencyMsSum")
      SELECT date_trunc('${unit}', "createdAt"), "orgId", "keyId", "userId", "teamId", "keyKind", provider, model, outcome, coalesce("errorCode", ''),
        count(*), sum("inputTokens"), sum("outputTokens"), sum("cachedInputTokens"), sum("costUsd"), 0, sum("latencyMs")
      FROM "UsageEvent" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`);
  }
}

/** Heap plus indexes of the event table, summed over its partitions when it has them. */
export async function eventTableBytes(client: pg.Client): Promise<number> {
  const { rows } = await client.query(`
    SELECT coalesce((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = '"UsageEvent"'::regclass), 0)
      + pg_total_relation_size('"UsageEvent"') AS bytes`);
  return Number(rows[0].bytes);
}
