// The usage pipeline's front door. The hot path calls recordUsage() and never waits on
// Postgres: with a self-hosted Redis events go through a durable stream, otherwise through the
// in-process queue (embedded mode; also Upstash, whose REST API has no blocking consumer reads).
import { env } from "@/lib/env";
import { redis } from "@/lib/redis";
import { MemoryUsageQueue } from "@/lib/usage/memory-queue";
import { RedisStreamUsage } from "@/lib/usage/redis-stream";
import { sanitizeUsageEvent } from "@/lib/usage/sanitize";
import type { UsageEvent } from "@/lib/usage/event";

function build() {
  const memory = new MemoryUsageQueue();
  const stream =
    redis.kind === "redis" ? new RedisStreamUsage(redis.client, `${env.REDIS_KEY_PREFIX}usage`, env.LATCH_USAGE_CLAIM_IDLE_MS, (e) => memory.enqueue(e)) : null;
  return {
    memory,
    stream,
    record: (event: UsageEvent) => (stream ? stream.record(event) : memory.enqueue(event)),
    /** Writes everything accepted so far (graceful shutdown, tests). */
    async flush() {
      await stream?.flush();
      await memory.flush();
    },
    get pending() {
      return memory.pending + (stream?.pendingSends ?? 0);
    },
    get failures() {
      return memory.failedWrites + (stream?.failedWrites ?? 0);
    },
    async stats() {
      return {
        transport: stream ? "redis-stream" : "memory",
        waiting: memory.pending,
        streamBacklog: stream ? await stream.backlog() : 0,
        failedWrites: this.failures,
        dropped: memory.dropped,
        deadLettered: memory.deadLettered + (stream?.deadLettered ?? 0),
      };
    },
  };
}

const holder = globalThis as unknown as { latchUsagePipeline?: ReturnType<typeof build> };
export const usageQueue = (holder.latchUsagePipeline ??= build());

export function recordUsage(event: UsageEvent): void {
  usageQueue.record(sanitizeUsageEvent(event));
}
