// Requests-per-minute and tokens-per-minute sliding windows. With Redis they are
// @upstash/ratelimit windows shared by every instance; embedded, an in-process equivalent.
import { Ratelimit } from "@upstash/ratelimit";
import type { Redis as UpstashRedis } from "@upstash/redis";

export type WindowResult = { success: boolean; limit: number; remaining: number; reset: number };

export interface WindowLimiter {
  /** Consumes `cost` units from `identifier`'s one-minute window of `limit` units. */
  consume(identifier: string, limit: number, cost: number, now: number): Promise<WindowResult>;
}

const WINDOW_MS = 60_000;

export class UpstashWindowLimiter implements WindowLimiter {
  private readonly limiters = new Map<number, Ratelimit>();
  constructor(private readonly redis: UpstashRedis, private readonly prefix: string) {}

  private limiter(limit: number): Ratelimit {
    let limiter = this.limiters.get(limit);
    if (!limiter) {
      // timeout 0: never "succeed on timeout"; Redis faults surface so the org's fail mode applies.
      limiter = new Ratelimit({ redis: this.redis, limiter: Ratelimit.slidingWindow(limit, "60 s"), prefix: this.prefix, ephemeralCache: false, timeout: 0 });
      this.limiters.set(limit, limiter);
    }
    return limiter;
  }

  async consume(identifier: string, limit: number, cost: number): Promise<WindowResult> {
    const r = await this.limiter(limit).limit(identifier, { rate: cost });
    return { success: r.success, limit: r.limit, remaining: Math.max(0, r.remaining), reset: r.reset };
  }
}

/** Same weighted two-window approximation as @upstash/ratelimit's slidingWindow. */
export class MemoryWindowLimiter implements WindowLimiter {
  private readonly windows = new Map<string, { index: number; current: number; previous: number }>();

  async consume(identifier: string, limit: number, cost: number, now: number): Promise<WindowResult> {
    const index = Math.floor(now / WINDOW_MS);
    let w = this.windows.get(identifier);
    if (!w || w.index < index - 1) w = { index, current: 0, previous: 0 };
    else if (w.index === index - 1) w = { index, current: 0, previous: w.current };
    this.windows.set(identifier, w);
    if (this.windows.size > 100_000) this.windows.clear();
    const weight = 1 - (now % WINDOW_MS) / WINDOW_MS;
    const used = Math.floor(w.previous * weight) + w.current;
    const reset = (index + 1) * WINDOW_MS;
    if (used + cost > limit) return { success: false, limit, remaining: Math.max(0, limit - used), reset };
    w.current += cost;
    return { success: true, limit, remaining: Math.max(0, limit - used - cost), reset };
  }
}
