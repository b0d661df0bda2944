// Raw usage and tool call events are kept for LATCH_USAGE_RETENTION_MONTHS and/or
// LATCH_USAGE_RETENTION_DAYS (0 = forever); the hourly and daily rollups that charts and budgets
// read are kept regardless. Whole monthly partitions past the cutoff are dropped (constant time).
// A cutoff in months stops there: it keeps at least that many months, so no row is ever deleted
// one by one. A cutoff in days also deletes the older events of the month that straddles it, in
// batches so the table is never locked for long.
import { db } from "@/lib/db";
import { dropPartitionsBefore, ensureMonthPartitions, utcText } from "@/lib/db/partitions";
import { env } from "@/lib/env";
import { logError, logInfo } from "@/lib/log";

const BATCH = 10_000;
const EVERY_MS = 60 * 60_000;

/** `months` calendar months (UTC) before `now`, on the same day of the month or the month's last day. */
export function monthsBefore(now: number, months: number): Date {
  const d = new Date(now);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, Math.min(d.getUTCDate(), lastDay)) + (now % 86_400_000));
}

export type RetentionResult = { cutoff: Date | null; droppedPartitions: string[]; skippedPartitions: string[]; deletedEvents: number };

export async function applyUsageRetention(opts: { months?: number; days?: number; now?: number; dryRun?: boolean } = {}): Promise<RetentionResult> {
  const now = opts.now ?? Date.now();
  const months = opts.months ?? env.LATCH_USAGE_RETENTION_MONTHS;
  const days = opts.days ?? env.LATCH_USAGE_RETENTION_DAYS;
  const byMonths = months > 0 ? monthsBefore(now, months) : null;
  const byDays = days > 0 ? new Date(now - days * 86_400_000) : null;
  // The stricter setting decides which partitions go.
  const stamps = [byMonths, byDays].flatMap((d) => (d ? [d.getTime()] : []));
  const cutoff = stamps.length ? new Date(Math.max(...stamps)) : null;
  if (!cutoff) return { cutoff, droppedPartitions: [], skippedPartitions: [], deletedEvents: 0 };
  const { dropped, skipped } = await dropPartitionsBefore(cutoff, { dryRun: opts.dryRun });
  const deletedEvents = opts.dryRun || !byDays ? 0 : await deleteEventsBefore(byDays);
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
