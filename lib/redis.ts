// The shared-state backend: a self-hosted Redis (REDIS_URL), Upstash over REST
// (UPSTASH_REDIS_REST_URL), or nothing (embedded mode: state lives in this process).
import { Redis as IORedis } from "ioredis";
import { Redis as UpstashRedis } from "@upstash/redis";
import { env } from "@/lib/env";

export type RedisBackend =
  | { kind: "redis"; client: IORedis; prefix: string }
  | { kind: "upstash"; client: UpstashRedis; prefix: string }
  | { kind: "memory"; prefix: string };

function connect(): RedisBackend {
  const prefix = env.REDIS_KEY_PREFIX;
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN)
    return { kind: "upstash", prefix, client: new UpstashRedis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN }) };
  if (env.REDIS_URL) {
    const client = new IORedis(env.REDIS_URL, {
      lazyConnect: false,
      // Off: every limit check is already one command (lib/policy/ledger/redis.ts), and ioredis
      // keeps only one auto-pipeline in flight per connection, so a check would queue behind
      // the previous batch (settles, usage XADDs). Measured at 1,000 req/s offered: added p50
      // 9.5 → 1.3 ms, same saturation throughput (npm run bench).
      enableAutoPipelining: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: 1_000,
    });
    client.on("error", () => {}); // surfaced through health and per-command failures
    return { kind: "redis", prefix, client };
  }
  return { kind: "memory", prefix };
}

const globalForRedis = globalThis as unknown as { latchRedis?: RedisBackend };
export const redis: RedisBackend = (globalForRedis.latchRedis ??= connect());

export async function pingRedis(): Promise<"ok" | "down" | "not_configured"> {
  try {
    if (redis.kind === "memory") return "not_configured";
    const reply = await redis.client.ping();
    return reply === "PONG" ? "ok" : "down";
  } catch {
    return "down";
  }
}
