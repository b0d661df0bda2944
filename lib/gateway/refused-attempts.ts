// Requests refused with a key Latch does not know, counted in process per hour, reason and the
// presented key's first characters, and written as one upsert every few seconds: an unknown key
// is what a brute force sends, so it must never cost a synchronous write (or a row) per attempt.
// Bounded: past MAX_ENTRIES distinct prefixes in one interval, the rest count under "*".
import { db } from "@/lib/db";
import { logError } from "@/lib/log";

/** Enough to tell our keys from another vendor's or garbage, far too little to guess a secret. */
export const PREFIX_CHARS = 6;
const MAX_ENTRIES = 1_000;
const FLUSH_MS = 5_000;
const HOUR_MS = 3_600_000;

export type RefusalReason = "missing" | "malformed" | "unknown" | "throttled";
type Entry = { bucket: number; reason: RefusalReason; prefix: string; count: number; lastIp: string | null; lastUserAgent: string | null; lastSeenAt: number };

let pending = new Map<string, Entry>();
let timer: NodeJS.Timeout | null = null;

export function countRefusedAttempt(reason: RefusalReason, presented: string | null, ip: string | null, userAgent: string | null, now = Date.now()): void {
  const bucket = Math.floor(now / HOUR_MS) * HOUR_MS;
  let prefix = presented ? presented.slice(0, PREFIX_CHARS) : "";
  let id = `${bucket}|${reason}|${prefix}`;
  if (!pending.has(id) && pending.size >= MAX_ENTRIES) {
    prefix = "*";
    id = `${bucket}|${reason}|*`;
  }
  const entry = pending.get(id) ?? { bucket, reason, prefix, count: 0, lastIp: null, lastUserAgent: null, lastSeenAt: now };
  entry.count++;
  entry.lastIp = ip;
  entry.lastUserAgent = userAgent?.slice(0, 300) ?? null;
  entry.lastSeenAt = now;
  pending.set(id, entry);
  timer ??= setTimeout(() => void flushRefusedAttempts(), FLUSH_MS).unref();
}

const UPSERT = `
INSERT INTO "RefusedAttempt" (bucket, reason, prefix, count, "lastIp", "lastUserAgent", "lastSeenAt")
SELECT to_timestamp(bucket / 1000.0) AT TIME ZONE 'UTC', reason, prefix, count, "lastIp", "lastUserAgent", to_timestamp("lastSeenAt" / 1000.0) AT TIME ZONE 'UTC'
FROM jsonb_to_recordset($1::jsonb) AS x(bucket bigint, reason text, prefix text, count int, "lastIp" text, "lastUserAgent" text, "lastSeenAt" bigint)
ON CONFLICT (bucket, reason, prefix) DO UPDATE SET count = "RefusedAttempt".count + EXCLUDED.count,
  "lastIp" = EXCLUDED."lastIp", "lastUserAgent" = EXCLUDED."lastUserAgent", "lastSeenAt" = greatest("RefusedAttempt"."lastSeenAt", EXCLUDED."lastSeenAt")`;

/** Writes what was counted since the last flush; a failed write is dropped (these are statistics, not billing). */
export async function flushRefusedAttempts(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.size === 0) return;
  const batch = [...pending.values()];
  pending = new Map();
  await db.$executeRawUnsafe(UPSERT, JSON.stringify(batch)).catch((err: unknown) => logError("refused attempts not recorded", err, { entries: batch.length }));
}
