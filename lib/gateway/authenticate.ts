import type { HeaderReader } from "@/lib/gateway/proxy-request";
import { hashSecret } from "@/lib/security/tokens";
import { getKeyByHash, peekKey, type CachedKey } from "@/lib/gateway/key-cache";
import { AuthenticationError, PermissionError, RateLimitError } from "@/lib/errors";
import { recordAuthFailure, throttledFor } from "@/lib/gateway/auth-throttle";

/** Bearer token (OpenAI clients) or x-api-key (Anthropic clients). */
export function extractKey(headers: HeaderReader): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  return headers.get("x-api-key")?.trim() || null;
}

export async function authenticate(headers: HeaderReader, clientIp: string | null = null, now = Date.now()): Promise<CachedKey> {
  const raw = extractKey(headers);
  if (!raw) throw new AuthenticationError("invalid_api_key", "Missing API key. Send it as `Authorization: Bearer <key>`.");
  const hash = hashSecret(raw);
  let key = peekKey(hash);
  const wait = key ? 0 : throttledFor(clientIp, now);
  if (key === undefined) {
    // A braked address is still looked up, so one client's bad keys never lock out a colleague's
    // valid one behind the same NAT; only a few of its lookups run at once on an instance.
    key = wait > 0 ? await braked(() => getKeyByHash(hash), wait) : await getKeyByHash(hash);
  }
  if (!key) {
    if (wait > 0) throw tooManyFailures(wait);
    await recordAuthFailure(clientIp, now);
    throw new AuthenticationError("invalid_api_key", "Invalid API key.");
  }
  if (key.status === "revoked") throw new PermissionError("key_revoked", "This API key has been revoked.");
  // Suspended by SCIM deprovisioning: refused like a revoked key, but an admin can resume it.
  if (key.status === "suspended") throw new PermissionError("key_suspended", "This API key is suspended.");
  if (key.status === "pending") throw new PermissionError("key_pending", "This API key is awaiting approval.");
  if (key.status === "expired" || (key.expiresAt !== null && key.expiresAt <= now)) throw new AuthenticationError("key_expired", "This API key has expired.");
  if (key.graceUntil !== null && key.graceUntil <= now) throw new AuthenticationError("invalid_api_key", "This API key was rotated; use the new secret.");
  return key;
}

const tooManyFailures = (wait: number) => new RateLimitError("too_many_failed_attempts", "Too many requests with invalid API keys from this address.", wait);

/** Lookups for braked addresses in flight on this instance; beyond the cap they are refused unlooked. */
const BRAKED_LOOKUPS = 2;
let brakedInFlight = 0;

async function braked<T>(lookup: () => Promise<T>, wait: number): Promise<T> {
  if (brakedInFlight >= BRAKED_LOOKUPS) throw tooManyFailures(wait);
  brakedInFlight++;
  try {
    return await lookup();
  } finally {
    brakedInFlight--;
  }
}
