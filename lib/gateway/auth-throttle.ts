// Brute-force brake: a client IP that keeps presenting unknown keys is refused before any
// lookup for the rest of the minute. Checked in process (bounded), so a refused guess costs no
// I/O at all; failures are also counted in Redis (@upstash/ratelimit), so guesses spread over
// many instances add up. Only failed lookups touch Redis: valid keys never do here.
import { LRUCache } from "lru-cache";
import { Ratelimit } from "@upstash/ratelimit";
import { redis } from "@/lib/redis";
import { ioredisForRatelimit } from "@/lib/policy/redis-runner";

const MAX_FAILURES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

const failures = new LRUCache<string, { count: number; windowStart: number }>({ max: 50_000 });

const shared =
  redis.kind === "memory"
    ? null
    : new Ratelimit({
        redis: redis.kind === "redis" ? ioredisForRatelimit(redis.client) : redis.client,
        limiter: Ratelimit.fixedWindow(MAX_FAILURES_PER_MINUTE, "60 s"),
        prefix: `${redis.prefix}authfail`,
        ephemeralCache: false,
        timeout: 0,
      });

/** Seconds until this IP may try again, or 0. */
export function throttledFor(ip: string | null, now = Date.now()): number {
  if (!ip) return 0;
  const entry = failures.get(ip);
  if (!entry || now - entry.windowStart >= WINDOW_MS || entry.count < MAX_FAILURES_PER_MINUTE) return 0;
  return Math.ceil((entry.windowStart + WINDOW_MS - now) / 1000);
}

export async function recordAuthFailure(ip: string | null, now = Date.now()): Promise<void> {
  if (!ip) return;
  const entry = failures.get(ip);
  if (!entry || now - entry.windowStart >= WINDOW_MS) failures.set(ip, { count: 1, windowStart: now });
  else entry.count++;
  if (!shared) return;
  try {
    const verdict = await shared.limit(ip);
    // Over the limit across all instances: brake here too until that window ends.
    if (!verdict.success) failures.set(ip, { count: MAX_FAILURES_PER_MINUTE, windowStart: verdict.reset - WINDOW_MS });
  } catch {
    // Redis unreachable: the per-instance brake above still applies.
  }
}
