// Raw usage events are kept for LATCH_USAGE_RETENTION_DAYS (0 = forever); the hourly and daily
// rollups that charts and budgets read are kept regardless. Deleted in batches so the table is
// never locked for long.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logError, logInfo } from "@/lib/log";

const BATCH = 10_000;
const EVERY_MS = 60 * 60_000;

export async function pruneUsageEvents(olderThanDays: number, now = Date.now()): Promise<number> {
  if (olderThanDays <= 0) return 0;
  const cutoff = new Date(now - olderThanDays * 86_400_000);
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "UsageEvent" WHERE id IN (SELECT id FROM "UsageEvent" WHERE "createdAt" < ${cutoff} LIMIT ${BATCH})`;
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

/** Started by the server process; each instance prunes, which is idempotent. */
export function startUsageRetention(): void {
  if (env.LATCH_USAGE_RETENTION_DAYS <= 0) return;
  const run = () =>
    pruneUsageEvents(env.LATCH_USAGE_RETENTION_DAYS)
      .then((n) => n > 0 && logInfo("usage retention", { deleted: n }))
      .catch((err: unknown) => logError("usage retention failed", err));
  setTimeout(run, 60_000).unref();
  setInterval(run, EVERY_MS).unref();
}
