// Keys' lastUsedAt, written at most once a minute per key per process and never awaited.
import { db } from "@/lib/db";

const INTERVAL_MS = 60_000;
const lastWrite = new Map<string, number>();

export function touchKey(keyId: string, now = Date.now()): void {
  const previous = lastWrite.get(keyId);
  if (previous !== undefined && now - previous < INTERVAL_MS) return;
  lastWrite.set(keyId, now);
  if (lastWrite.size > 100_000) lastWrite.clear();
  db.virtualKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } }).catch(() => lastWrite.delete(keyId));
}
