// Usage store benchmark: seeds N events (default 10,000,000) with their rollups in the
// unpartitioned layout of earlier releases, times the dashboard queries (rollups) and the reads of
// raw events (exports, end users, key spend, recent requests, one request by id) and a month of
// retention, then applies the partitioning migration to the same rows (timed) and repeats.
// Usage: npm run bench:usage [-- events]   (local Postgres; recreates latch_bench_usage, drops it after)
import os from "node:os";
import pg from "pg";
import { DAYS, eventTableBytes, seedEvents, seedRollups } from "./usage-seed";

const EVENTS = Number(process.argv[2] ?? 10_000_000);
const RUNS = 3;
const PREVIOUS = "20261203134635_degrade_rules"; // the last migration before partitioning
const ADMIN = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const DB = "latch_bench_usage";
const url = ADMIN.replace(/\/[^/]*$/, `/${DB}`);
const target = { kind: "postgres" as const, url };

async function onAdmin(sql: string) {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}
await onAdmin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
await onAdmin(`CREATE DATABASE "${DB}"`);
process.env.DATABASE_URL = url;

const { deployMigrations } = await import("@/lib/db/migrations");
await deployMigrations(target, { through: PREVIOUS });
const { db } = await import("@/lib/db");
const { usageBreakdown, usageTimeseries, usageTotals } = await import("@/lib/usage/attribution");
const { usageCsv } = await import("@/lib/usage/csv");
const { endUserBreakdown } = await import("@/lib/usage/end-users");
const { recentRequests } = await import("@/lib/usage/recent-requests");
const { dailyUsageForKey, spendByKey } = await import("@/lib/usage/queries-for-keys");
const { dropPartitionsBefore, monthStart } = await import("@/lib/db/partitions");

const org = await db.organization.create({ data: { slug: "bench", name: "Bench" } });
const actor = { kind: "system", orgId: org.id } as const;
const client = new pg.Client({ connectionString: url });
await client.connect();
const now = new Date();
const range = (days: number) => ({ from: new Date(now.getTime() - days * 86_400_000), to: now });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

let started = performance.now();
await seedEvents(client, org.id, EVENTS, now);
const seedMs = performance.now() - started;
const [rollupMs] = await timed(() => seedRollups(client));
const [vacuumMs] = await timed(() => client.query("VACUUM ANALYZE"));
const rollups = (await client.query(`SELECT count(*)::int AS n FROM "UsageRollup"`)).rows[0].n as number;
console.log(
  `${EVENTS.toLocaleString("en")} events over ${DAYS} days seeded in ${seconds(seedMs)}; ${rollups.toLocaleString("en")} hourly rollup rows (+ daily) in ${seconds(rollupMs)}; VACUUM ANALYZE ${seconds(vacuumMs)}`,
);

const csvRows = async (days: number, format: "csv" | "json") => {
  const text = await new Response(usageCsv({ actor, range: range(days), format })).text();
  return format === "json" ? (JSON.parse(text) as unknown[]).length : text.split("\n").length - 2;
};
const QUERIES: [string, () => Promise<unknown>][] = [
  ["dashboard: totals, 90 days (rollups)", () => usageTotals({ actor, range: range(90) })],
  ["dashboard: spend by key, top 50, 90 days", () => usageBreakdown({ actor, range: range(90), groupBy: "key" })],
  ["dashboard: spend by team, 90 days", () => usageBreakdown({ actor, range: range(90), groupBy: "team" })],
  ["dashboard: daily series by model, 90 days", () => usageTimeseries({ actor, range: range(90), granularity: "day", stackBy: "model" })],
  ["dashboard: hourly series by provider, 7 days", () => usageTimeseries({ actor, range: range(7), granularity: "hour", stackBy: "provider" })],
  ["key list: spend of 200 keys this month (events)", () => spendByKey(org.id, keys200(monthStart(now.getTime())))],
  ["key page: daily usage of one key, 30 days (events)", () => dailyUsageForKey(org.id, "key_7", "UTC", range(30).from)],
  ["end users, top 50, 30 days (events)", () => endUserBreakdown({ actor, range: range(30) })],
  ["recent requests of one key (events)", () => recentRequests({ actor, filter: { keyId: "key_7" } })],
  ["one request by id (events)", () => db.usageEvent.findFirst({ where: { id: `req_${Math.floor(EVENTS / 2)}` } })],
  ["export, 1 day, JSON (events)", () => csvRows(1, "json")],
  ["export, 7 days, CSV (events)", () => csvRows(7, "csv")],
];
function keys200(start: number) {
  return Array.from({ length: 200 }, (_, i) => ({ keyId: `key_${i}`, window: { start, end: null } }));
}

async function timeQueries(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [name, fn] of QUERIES) {
    const [, result] = await timed(fn); // warm
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push((await timed(fn))[0]);
    runs.sort((a, b) => a - b);
    const rows = typeof result === "number" ? `, ${result.toLocaleString("en")} rows` : "";
    out.set(name, `${runs[Math.floor(RUNS / 2)]!.toFixed(1)} ms (max ${runs.at(-1)!.toFixed(1)}${rows})`);
    process.stdout.write(".");
  }
  process.stdout.write("\n");
  return out;
}

// Retention through the oldest whole month seeded (that month and the partial one before it).
const oldMonth = { to: new Date(monthStart(now.getTime() - DAYS * 86_400_000, 2)) };
const utc = (d: Date) => d.toISOString().slice(0, 23);

const before = await timeQueries();
const beforeBytes = await eventTableBytes(client);
// Retention as earlier releases did it: batched DELETEs of 10,000 (rolled back, so both layouts keep the same rows).
await client.query("BEGIN");
const [deleteMs, deleted] = await timed(async () => {
  let total = 0;
  for (;;) {
    const r = await client.query(`DELETE FROM "UsageEvent" WHERE id IN (SELECT id FROM "UsageEvent" WHERE "createdAt" < $1 LIMIT 10000)`, [utc(oldMonth.to)]);
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < 10_000) return total;
  }
});
await client.query("ROLLBACK");

const countEvents = async () => (await client.query(`SELECT count(*)::int AS n, sum("costUsd")::text AS cost FROM "UsageEvent"`)).rows[0] as object;
const beforeCount = await countEvents();
await db.$disconnect();
started = performance.now();
await deployMigrations(target);
const migrateMs = performance.now() - started;
const [vacuum2Ms] = await timed(() => client.query("VACUUM ANALYZE"));
const after = await timeQueries();
const afterBytes = await eventTableBytes(client);
if (JSON.stringify(await countEvents()) !== JSON.stringify(beforeCount)) throw new Error("the migration changed the events' count or total cost");
const monthRows = (await client.query(`SELECT count(*)::int AS n FROM "UsageEvent" WHERE "createdAt" < $1`, [utc(oldMonth.to)])).rows[0].n as number;
const [dropMs, dropped] = await timed(() => dropPartitionsBefore(oldMonth.to));

const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(", ");
console.log(`\n${os.cpus().length} cores, load average ${load} at the end; Postgres ${(await client.query("SHOW server_version")).rows[0].server_version}`);
console.log(
  `\nMigration of the ${EVENTS.toLocaleString("en")} events to monthly partitions: ${seconds(migrateMs)} (then VACUUM ANALYZE ${seconds(vacuum2Ms)})\n`,
);
console.log("| query | unpartitioned | partitioned by month |\n| --- | --- | --- |");
for (const [name] of QUERIES) console.log(`| ${name} | ${before.get(name)} | ${after.get(name)} |`);
console.log(
  `| retention: oldest 1.5 months (${monthRows.toLocaleString("en")} events) | ${seconds(deleteMs)} (batched DELETE of ${deleted.toLocaleString("en")}) | ${dropMs.toFixed(0)} ms (DROP ${dropped.dropped.join(", ")}) |`,
);
const gb = (b: number) => `${(b / 1e9).toFixed(2)} GB (${Math.round(b / EVENTS)} B/event)`;
console.log(`| events table with indexes | ${gb(beforeBytes)} | ${gb(afterBytes)} |`);

await client.end();
await db.$disconnect();
await onAdmin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
