// Raw usage and tool call events are kept for LATCH_USAGE_RETENTION_MONTHS and/or
// LATCH_USAGE_RETENTION_DAYS (0 = forever); the hourly and daily rollups that charts and budgets
// read are kept regardless. Whole monthly partitions past the cutoff are dropped (constant time);
// with a cutoff in days, the events older than it in the partition that straddles it are deleted
// in batches so the table is never locked for long.
import { db } from "@/lib/db";
import { dropPartitionsBefore, ensureMonthPartitions, utcText } from "@/lib/db/partitions";
import { env } from "@/lib/env";
import { logError, logInfo } from "@/lib/log";

const BATCH = 10_000;
const EVERY_MS = 60 * 60_000;

/** The oldest instant kept: `months` calendar months (UTC) and/or `days` days before `now`, the later of the two. */
export function retentionCutoff(now: number, months: number, days: number): Date | null {
  const cutoffs: number[] = [];
  if (months > 0) {
    const d = new Date(now);
    d.setUTCMonth(d.getUTCMonth() - months);
    cutoffs.push(d.getTime());
  }
  if (days > 0) cutoffs.push(now - days * 86_400_000);
  return cutoffs.length ? new Date(Math.max(...cutoffs)) : null;
}

export type RetentionResult = { cutoff: Date | null; droppedPartitions: string[]; skippedPartitions: string[]; deletedEvents: number };

export async function applyUsageRetention(opts: { months?: number; days?: number; now?: number; dryRun?: boolean } = {}): Promise<RetentionResult> {
  const now = opts.now ?? Date.now();
  const cutoff = retentionCutoff(now, opts.months ?? env.LATCH_USAGE_RETENTION_MONTHS, opts.days ?? env.LATCH_USAGE_RETENTION_DAYS);
  if (!cutoff) return { cutoff, droppedPartitions: [], skippedPartitions: [], deletedEvents: 0 };
  const { dropped, skipped } = await dropPartitionsBefore(cutoff, { dryRun: opts.dryRun });
  const deletedEvents = opts.dryRun ? 0 : await deleteEventsBefore(cutoff);
  return { cutoff, droppedPartitions: dropped, skippedPartitions: skipped, deletedEvents };
}

/** Deletes the events older than `cutoff` left in partitions that also hold newer ones. */
async function deleteEventsBefore(cutoff: Date): Promise<number> {
  let total = 0;
  for (const table of ["UsageEvent", "ToolCallEvent"]) {
    for (;;) {
      const deleted = await db.$executeRawUnsafe(
        `DELETE FROM "${table}" WHERE (id, "createdAt") IN (SELECT id, "createdAt" FROM "${table}" WHERE "createdAt" < $1::timestamp LIMIT ${BATCH})`,
        utcText(cutoff.getTime()),
      );
      total += deleted;
      if (deleted < BATCH) break;
    }
  }
  return total;
}

/** Started by the server process: ensures the months ahead now, then applies retention hourly (idempotent on every instance). */
export function startUsageRetention(): void {
  void ensureMonthPartitions()
    .then((created) => created.length > 0 && logInfo("usage partitions created", { partitions: created }))
    .catch((err: unknown) => logError("usage partitions could not be created", err));
  if (env.LATCH_USAGE_RETENTION_MONTHS <= 0 && env.LATCH_USAGE_RETENTION_DAYS <= 0) return;
  const run = () =>
    applyUsageRetention()
      .then((r) => (r.droppedPartitions.length > 0 || r.deletedEvents > 0) && logInfo("usage retention", r))
      .catch((err: unknown) => logError("usage retention failed", err));
  setTimeout(run, 60_000).unref();
  setInterval(run, EVERY_MS).unref();
}
