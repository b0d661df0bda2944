import { db } from "@/lib/db";
import type { UsageEvent } from "@/lib/usage/event";

/** Idempotent by request id: a replayed batch does not double count. */
export async function writeUsageBatch(events: UsageEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.usageEvent.createMany({ data: events, skipDuplicates: true });
}
