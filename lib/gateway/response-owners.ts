// Which provider credential holds a stored Responses object, so GET /v1/responses/{id} (which
// names no model) goes to the account that created it: another account answers 404. Kept in
// Redis for as long as OpenAI keeps stored responses, so any instance can serve the lookup, and
// in a bounded in-process cache in front (the only store in embedded mode).
import { LRUCache } from "lru-cache";
import { redis } from "@/lib/redis";

const TTL_SECONDS = 30 * 24 * 3600;
const local = new LRUCache<string, string>({ max: 20_000, ttl: TTL_SECONDS * 1000 });

const keyOf = (orgId: string, responseId: string) => `${redis.prefix}{o:${orgId}}:resp:${responseId}`;

/** Never blocks the response: a failed write only costs a later lookup its shortcut. */
export function rememberResponseOwner(orgId: string, responseId: string, credentialId: string): void {
  const key = keyOf(orgId, responseId);
  local.set(key, credentialId);
  if (redis.kind === "redis") void redis.client.set(key, credentialId, "EX", TTL_SECONDS).catch(() => {});
  else if (redis.kind === "upstash") void redis.client.set(key, credentialId, { ex: TTL_SECONDS }).catch(() => {});
}

export async function recallResponseOwner(orgId: string, responseId: string): Promise<string | null> {
  const key = keyOf(orgId, responseId);
  const cached = local.get(key);
  if (cached) return cached;
  try {
    if (redis.kind === "redis") return await redis.client.get(key);
    if (redis.kind === "upstash") return await redis.client.get<string>(key);
  } catch {
    // Redis unreachable: fall back to the key's only candidate, as for an unknown id.
  }
  return null;
}
