// Which ledger this process uses, chosen once from the Redis backend, plus the in-process
// fallback used when an org fails open during a Redis outage.
import { redis } from "@/lib/redis";
import { MemoryLedger } from "@/lib/policy/ledger/memory";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner, upstashRunner } from "@/lib/policy/redis-runner";
import type { Ledger } from "@/lib/policy/ledger/types";

/** `available` is false while the shared store is known to be unreachable: fail at once, not per command timeout. */
export type LimitBackends = { ledger: Ledger; shared: boolean; available(): boolean };

function build(): { primary: LimitBackends; fallback: LimitBackends } {
  const always = () => true;
  const fallback = { ledger: new MemoryLedger(), shared: false, available: always };
  if (redis.kind === "redis") {
    const client = redis.client;
    // ioredis knows at once when an established connection drops: from then until it is ready
    // again, commands would only wait for their timeout. Before the first connection (start-up),
    // they wait in the offline queue as usual.
    let connectedOnce = client.status === "ready";
    client.once("ready", () => (connectedOnce = true));
    const available = () => client.status === "ready" || (!connectedOnce && ["wait", "connecting", "connect"].includes(client.status));
    return { primary: { ledger: new RedisLedger(ioredisRunner(client)), shared: true, available }, fallback };
  }
  if (redis.kind === "upstash") return { primary: { ledger: new RedisLedger(upstashRunner(redis.client)), shared: true, available: always }, fallback };
  return { primary: fallback, fallback };
}

const holder = globalThis as unknown as { latchLimitBackends?: ReturnType<typeof build> };
export const limitBackends = (holder.latchLimitBackends ??= build());

/** Counts requests served by the fail-open fallback, for health and metrics. */
export const limitStats = { redisFaults: 0, failedOpen: 0, failedClosed: 0 };
