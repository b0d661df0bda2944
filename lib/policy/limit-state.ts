// Which ledger this process uses, chosen once from the Redis backend, plus the in-process
// fallback used when an org fails open during a Redis outage.
import { redis } from "@/lib/redis";
import { MemoryLedger } from "@/lib/policy/ledger/memory";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner, upstashRunner } from "@/lib/policy/redis-runner";
import type { Ledger } from "@/lib/policy/ledger/types";

export type LimitBackends = { ledger: Ledger; shared: boolean };

function build(): { primary: LimitBackends; fallback: LimitBackends } {
  const fallback = { ledger: new MemoryLedger(), shared: false };
  if (redis.kind === "redis") return { primary: { ledger: new RedisLedger(ioredisRunner(redis.client)), shared: true }, fallback };
  if (redis.kind === "upstash") return { primary: { ledger: new RedisLedger(upstashRunner(redis.client)), shared: true }, fallback };
  return { primary: fallback, fallback };
}

const holder = globalThis as unknown as { latchLimitBackends?: ReturnType<typeof build> };
export const limitBackends = (holder.latchLimitBackends ??= build());

/** Counts requests served by the fail-open fallback, for health and metrics. */
export const limitStats = { redisFaults: 0, failedOpen: 0, failedClosed: 0 };
