// Monthly partitions of the event tables (UsageEvent, ToolCallEvent; see the usage_partitions
// migration, which holds the SQL functions used here). Months are created ahead: at start-up and by
// the usage writer once a new month begins. An event outside them lands in the table's DEFAULT
// partition, so no insert ever fails; creating its month later moves it there. Retention drops
// whole partitions, which is constant time and leaves no bloat behind.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export const PARTITIONED_TABLES = ["UsageEvent", "ToolCallEvent"] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export type MonthPartition = { table: PartitionedTable; name: string; from: Date; to: Date };

/** The first instant (UTC) of the month `add` months after the one holding `at`. */
export function monthStart(at: number, add = 0): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1);
}

// The columns are `timestamp(3)` holding UTC: pass bounds as text so no session time zone applies.
export const utcText = (t: number) => new Date(t).toISOString().slice(0, 23).replace("T", " ");

/** Creates the partitions of this month and the next `ahead` months that are missing; returns their names. */
export async function ensureMonthPartitions(now = Date.now(), ahead = env.LATCH_USAGE_PARTITIONS_AHEAD): Promise<string[]> {
  const created: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    const rows = await db.$queryRaw<{ name: string }[]>`
      SELECT latch_ensure_month_partitions(${table}, ${utcText(monthStart(now))}::timestamp, ${utcText(monthStart(now, ahead))}::timestamp) AS name`;
    created.push(...rows.map((r) => r.name));
  }
  return created;
}

// Per process: the instant from which partitions must be ensured again (the next month's start).
const holder = globalThis as unknown as { latchPartitions?: { dueAt: number; running: Promise<void> | null } };
const state = (holder.latchPartitions ??= { dueAt: 0, running: null });

/**
 * Called before each usage batch: free unless a month began since the last check, then ensures the
 * months ahead once (concurrent callers share the call). A failure is logged and retried a minute
 * later; the batch is written either way (the DEFAULT partition takes what has no month yet).
 */
export function ensurePartitionsWhenDue(now = Date.now()): Promise<void> | undefined {
  if (now < state.dueAt) return undefined;
  state.running ??= ensureMonthPartitions(now)
    .then(
      () => void (state.dueAt = monthStart(now, 1)),
      (err: unknown) => {
        state.dueAt = now + 60_000;
        logError("usage partitions could not be created", err);
      },
    )
    .finally(() => {
      state.running = null;
    });
  return state.running;
}

const BOUND = /^FOR VALUES FROM \('([^']+)'\) TO \('([^']+)'\)$/;
const utcDate = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

/** The table's monthly partitions, oldest first (the DEFAULT partition is not listed). */
export async function monthPartitions(table: PartitionedTable): Promise<MonthPartition[]> {
  const rows = await db.$queryRaw<{ name: string; bound: string }[]>`
    SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass(quote_ident(${table}))`;
  return rows
    .flatMap(({ name, bound }) => {
      const m = BOUND.exec(bound);
      return m ? [{ table, name, from: utcDate(m[1]!), to: utcDate(m[2]!) }] : [];
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Drops every monthly partition whose events are all older than `cutoff` (older events elsewhere,
 * e.g. in the DEFAULT partition, are the caller's to delete). Dropping a partition briefly locks the table; a lock not granted within
 * 5 s (a long export running) leaves that partition for the next run instead of queueing writes.
 */
export async function dropPartitionsBefore(cutoff: Date, opts: { dryRun?: boolean } = {}): Promise<{ dropped: string[]; skipped: string[] }> {
  const dropped: string[] = [];
  const skipped: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    for (const part of await monthPartitions(table)) {
      if (part.to > cutoff) continue;
      if (opts.dryRun) {
        dropped.push(part.name);
        continue;
      }
      try {
        await db.$transaction([db.$executeRaw`SET LOCAL lock_timeout = '5s'`, db.$executeRawUnsafe(`DROP TABLE "${part.name}"`)]);
        dropped.push(part.name);
      } catch (err) {
        skipped.push(part.name);
        logError("usage partition not dropped", err, { partition: part.name });
      }
    }
  }
  return { dropped, skipped };
}
