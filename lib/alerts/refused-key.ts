// "Who still calls with a revoked key?": the first refused use of a revoked, expired, suspended
// or rotated-out key in an hour alerts the org (log line and, when configured, its webhook).
// Deduplicated per key and hour across instances through Redis (SET NX), and in process first,
// so a client retrying in a loop costs one alert, not one per request.
import { LRUCache } from "lru-cache";
import { fetch as undiciFetch } from "undici";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { logger, logError } from "@/lib/log";
import { decryptSecret } from "@/lib/security/secret-box";
import { outboundAgent } from "@/lib/security/guarded-dispatcher";
import { signWebhook } from "@/lib/alerts/raise";
import type { CachedKey } from "@/lib/gateway/key-cache";

const HOUR_MS = 3_600_000;
const seen = new LRUCache<string, true>({ max: 10_000, ttl: HOUR_MS });

async function firstInHour(id: string): Promise<boolean> {
  if (seen.has(id)) return false;
  seen.set(id, true);
  const key = `${redis.prefix}refused-alert:${id}`;
  if (redis.kind === "redis") return (await redis.client.set(key, "1", "PX", HOUR_MS, "NX")) === "OK";
  if (redis.kind === "upstash") return (await redis.client.set(key, "1", { nx: true, px: HOUR_MS })) === "OK";
  return true;
}

export function alertRefusedKey(key: CachedKey, code: string, ip: string | null, userAgent: string | null, now = Date.now()): void {
  const id = `${key.id}:${Math.floor(now / HOUR_MS)}`;
  void firstInHour(id)
    .then(async (first) => {
      if (!first) return;
      const text = `Latch: the ${code.replace("key_", "").replace("invalid_api_key", "rotated-out")} key "${key.name}" was used from ${ip ?? "an unknown address"}.`;
      logger.warn({ orgId: key.orgId, keyId: key.id, code, ip, userAgent }, "refused key in use");
      const org = await db.organization.findUnique({ where: { id: key.orgId }, select: { alertWebhookUrl: true, alertWebhookSecret: true } });
      if (!org?.alertWebhookUrl) return;
      const body = JSON.stringify({ text, kind: "refused_key", key_id: key.id, code, ip, user_agent: userAgent });
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (org.alertWebhookSecret) headers["x-latch-signature"] = signWebhook(body, decryptSecret(org.alertWebhookSecret));
      const response = await undiciFetch(org.alertWebhookUrl, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(5_000),
        redirect: "manual",
        dispatcher: outboundAgent(),
      });
      await response.body?.cancel();
    })
    .catch((err: unknown) => logError("refused key alert failed", err, { keyId: key.id }));
}
