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
      // Commands of concurrent requests (limit checks, settles, usage XADDs) issued in the same
      // tick share one write and one round trip: ~30 % less CPU per request at 64 concurrent
      // requests than without, in an A/B of npm run bench (857 vs 1,233 µs).
      enableAutoPipelining: true,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      commandTimeout: env.LATCH_REDIS_COMMAND_TIMEOUT_MS,
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
