// Attribution query timings on a large usage table: seeds N events (default 1,000,000) into a
// scratch database with their hourly rollups, then times each chart query through lib/usage.
// Usage: npx tsx bench/usage-queries.ts [events]   (needs the local Postgres; recreates latch_bench_usage)
import pg from "pg";

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const ADMIN = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB = "latch_bench_usage";
const url = ADMIN.replace(/\/[^/]*$/, `/${DB}`);

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${DB}"`);
await admin.end();
process.env.DATABASE_URL = url;

const { deployMigrations } = await import("@/lib/db/migrations");
await deployMigrations({ kind: "postgres", url });
const { db } = await import("@/lib/db");
const org = await db.organization.create({ data: { slug: "bench", name: "Bench" } });
const client = new pg.Client({ connectionString: url });
await client.connect();

let started = performance.now();
// 200 keys, 50 users, 10 teams, 8 models over the last 90 days.
await client.query(
  `
  INSERT INTO "UsageEvent" (id, "orgId", "keyId", "userId", "teamId", provider, model, endpoint, "inputTokens", "outputTokens",
    "cachedInputTokens", "costUsd", priced, status, outcome, stream, "latencyMs", "createdAt")
  SELECT 'req_' || g, $1, 'key_' || (g % 200), 'user_' || (g % 50), 'team_' || (g % 10), (ARRAY['openai','anthropic'])[1 + g % 2],
    'model_' || (g % 8), 'chat.completions', 100 + g % 900, 20 + g % 300, 0, ((100 + g % 900) * 0.15 + (20 + g % 300) * 0.6) / 1e6,
    true, CASE WHEN g % 50 = 0 THEN 429 ELSE 200 END, (CASE WHEN g % 50 = 0 THEN 'rejected' ELSE 'success' END)::"UsageOutcome",
    g % 3 = 0, 50 + g % 500, now() - (g % (90 * 24 * 60)) * interval '1 minute'
  FROM generate_series(1, $2) AS g`,
  [org.id, EVENTS],
);
const seedMs = performance.now() - started;
started = performance.now();
for (const [table, unit] of [
  ["UsageRollup", "hour"],
  ["UsageRollupDaily", "day"],
]) {
  await client.query(`
    INSERT INTO "${table}" (bucket, "orgId", "keyId", "userId", "teamId", provider, model, outcome, "errorCode", requests,
      "inputTokens", "outputTokens", "cachedInputTokens", "costUsd", "unpricedRequests", "latencyMsSum")
    SELECT date_trunc('${unit}', "createdAt"), "orgId", "keyId", "userId", "teamId", provider, model, outcome, coalesce("errorCode", ''),
      count(*), sum("inputTokens"), sum("outputTokens"), sum("cachedInputTokens"), sum("costUsd"), 0, sum("latencyMs")
    FROM "UsageEvent" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
}
const rollupMs = performance.now() - started;
const rollups = (await client.query(`SELECT count(*)::int AS n FROM "UsageRollup"`)).rows[0].n as number;
const daily = (await client.query(`SELECT count(*)::int AS n FROM "UsageRollupDaily"`)).rows[0].n as number;
await client.query("ANALYZE");
await client.end();

const { usageBreakdown, usageTimeseries, rejectionTimeseries, usageTotals } = await import("@/lib/usage/attribution");
const actor = { kind: "system", orgId: org.id } as const;
const now = new Date();
const range = (days: number) => ({ from: new Date(now.getTime() - days * 86_400_000), to: now });

async function time(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`| ${name} | ${runs[2]!.toFixed(1)} ms | ${runs[4]!.toFixed(1)} ms |`);
}

console.log(
  `\n${EVENTS.toLocaleString("en")} events seeded in ${(seedMs / 1000).toFixed(1)} s; ${rollups.toLocaleString("en")} hourly and ${daily.toLocaleString("en")} daily rollup rows built in ${(rollupMs / 1000).toFixed(1)} s\n`,
);
console.log("| query (90-day range unless noted) | median | max of 5 |\n| --- | --- | --- |");
await time("totals", () => usageTotals({ actor, range: range(90) }));
await time("spend by key (top 50)", () => usageBreakdown({ actor, range: range(90), groupBy: "key" }));
await time("spend by user", () => usageBreakdown({ actor, range: range(90), groupBy: "user" }));
await time("spend by team", () => usageBreakdown({ actor, range: range(90), groupBy: "team" }));
await time("spend by model", () => usageBreakdown({ actor, range: range(90), groupBy: "model" }));
await time("daily series stacked by team", () => usageTimeseries({ actor, range: range(90), granularity: "day", stackBy: "team" }));
await time("daily series stacked by model", () => usageTimeseries({ actor, range: range(90), granularity: "day", stackBy: "model" }));
await time("hourly series, 7 days, by provider", () => usageTimeseries({ actor, range: range(7), granularity: "hour", stackBy: "provider" }));
await time("rejections by reason, daily", () => rejectionTimeseries({ actor, range: range(90), granularity: "day" }));
await db.$disconnect();
