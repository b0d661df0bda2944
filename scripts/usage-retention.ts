// npm run usage:retention [-- --months N] [--days N] [--dry-run]: creates the monthly event
// partitions ahead, then drops the partitions (and deletes the events) past the retention period.
// Defaults come from LATCH_USAGE_RETENTION_MONTHS / LATCH_USAGE_RETENTION_DAYS; servers run the
// same every hour, so this is for cron jobs, a first clean-up, or a check with --dry-run.
import { parseArgs } from "node:util";
import { closeEmbeddedDatabase } from "@/lib/db/engine";

const { values } = parseArgs({ options: { months: { type: "string" }, days: { type: "string" }, "dry-run": { type: "boolean" } } });
const count = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number`);
  return Number(v);
};

try {
  const { db } = await import("@/lib/db");
  const { ensureMonthPartitions } = await import("@/lib/db/partitions");
  const { applyUsageRetention } = await import("@/lib/usage/retention");
  const dryRun = values["dry-run"] ?? false;
  const created = dryRun ? [] : await ensureMonthPartitions();
  if (created.length) console.log(`Created partitions: ${created.join(", ")}`);
  const r = await applyUsageRetention({ months: count(values.months, "months"), days: count(values.days, "days"), dryRun });
  if (!r.cutoff) console.log("No retention configured (LATCH_USAGE_RETENTION_MONTHS and _DAYS are 0): nothing dropped.");
  else {
    console.log(`Keeping events from ${r.cutoff.toISOString()}.`);
    console.log(`${dryRun ? "Would drop" : "Dropped"} partitions: ${r.droppedPartitions.join(", ") || "none"}`);
    if (r.skippedPartitions.length) console.log(`Left for the next run (table busy): ${r.skippedPartitions.join(", ")}`);
    if (!dryRun) console.log(`Deleted ${r.deletedEvents} older events from partitions that also hold newer ones.`);
  }
  await db.$disconnect();
} catch (error) {
  console.error("Latch: usage retention failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeEmbeddedDatabase();
}
