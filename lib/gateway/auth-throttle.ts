// Brute-force brake: a client IP that keeps presenting unknown keys is refused before any
// lookup for the rest of the minute. In process and bounded, so guessing costs us nothing.
import { LRUCache } from "lru-cache";

const MAX_FAILURES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

const failures = new LRUCache<string, { count: number; windowStart: number }>({ max: 50_000 });

/** Seconds until this IP may try again, or 0. */
export function throttledFor(ip: string | null, now = Date.now()): number {
  if (!ip) return 0;
  const entry = failures.get(ip);
  if (!entry || now - entry.windowStart >= WINDOW_MS || entry.count < MAX_FAILURES_PER_MINUTE) return 0;
  return Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000);
}

export function recordAuthFailure(ip: string | null, now = Date.now()): void {
  if (!ip) return;
  const entry = failures.get(ip);
  if (!entry || now - entry.windowStart >= WINDOW_MS) failures.set(ip, { count: 1, windowStart: now });
  else entry.count++;
}
