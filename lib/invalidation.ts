// Tells every cache holding a key or an org snapshot to drop it: in this process at once
// (through a process-wide emitter, so every bundle's copy of the caches hears it) and on every
// other instance through Redis pub/sub, within milliseconds rather than at cache expiry.
import { EventEmitter } from "node:events";
import { env } from "@/lib/env";
import { duplicateRedis, redis, type RedisClient } from "@/lib/redis";

/** `all`: this instance may have missed messages (its subscriber was disconnected); drop everything. */
export type Invalidation = { kind: "key"; keyId: string } | { kind: "org"; orgId: string } | { kind: "all" };

const CHANNEL = `${env.REDIS_KEY_PREFIX}invalidate`;
export const SUBSCRIBER_NAME = `${env.REDIS_KEY_PREFIX}invalidation`.replace(/[^\w:.-]/g, "_");
const holder = globalThis as unknown as { latchInvalidation?: { bus: EventEmitter; subscriber: RedisClient | null } };

function init() {
  const bus = new EventEmitter();
  bus.setMaxListeners(50);
  let subscriber: RedisClient | null = null;
  if (redis.kind === "redis") {
    // Named, so operators (and tests) can find this connection in CLIENT LIST.
    subscriber = duplicateRedis(redis.client, { connectionName: SUBSCRIBER_NAME });
    subscriber.on("error", () => {});
    void subscriber.subscribe(CHANNEL).catch(() => {});
    // Messages published while the subscriber was away are lost: after every reconnect, drop all
    // cached keys and orgs instead of serving what a missed revocation should have evicted.
    let subscribedOnce = false;
    subscriber.on("ready", () => {
      if (subscribedOnce) bus.emit("invalidate", { kind: "all" } satisfies Invalidation);
      subscribedOnce = true;
    });
    subscriber.on("message", (_channel, message: string) => {
      try {
        bus.emit("invalidate", JSON.parse(message) as Invalidation);
      } catch {
        // ignore malformed messages
      }
    });
  }
  return { bus, subscriber };
}

const state = (holder.latchInvalidation ??= init());

export function onInvalidation(listener: (message: Invalidation) => void): void {
  state.bus.on("invalidate", listener);
}

/** Local listeners run synchronously; remote instances hear it through Redis. */
export async function publishInvalidation(message: Invalidation): Promise<void> {
  state.bus.emit("invalidate", message);
  // Our own subscriber echoes the message back to this process, which is harmless.
  if (redis.kind !== "memory") await redis.client.publish(CHANNEL, JSON.stringify(message)).catch(() => {});
}
