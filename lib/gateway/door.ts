// What happens to a request refused at the door. A key that exists but may not be used (revoked,
// expired, suspended, pending, rotated out) is known by its hash: the refusal becomes a usage
// event of the key's org, with the model asked for, the IP and the user agent, and an alert.
// Anything else (no key, a malformed header, an unknown key, a throttled address) is only counted
// by its first characters (lib/gateway/refused-attempts.ts): no secret is ever stored.
import { hashSecret } from "@/lib/security/tokens";
import { extractKey } from "@/lib/gateway/authenticate";
import { peekKey } from "@/lib/gateway/key-cache";
import { getOrgSnapshot } from "@/lib/gateway/org-cache";
import { readProxyBody } from "@/lib/gateway/request-body";
import { countRefusedAttempt, type RefusalReason } from "@/lib/gateway/refused-attempts";
import { alertRefusedKey } from "@/lib/alerts/refused-key";
import type { RequestContext } from "@/lib/gateway/request-context";
import type { HeaderReader, ProxyRequest } from "@/lib/gateway/proxy-request";
import type { LatchError } from "@/lib/errors";
import type { Endpoint } from "@/lib/providers/types";

const KNOWN_KEY_CODES = new Set(["key_revoked", "key_suspended", "key_pending", "key_expired", "invalid_api_key"]);

function unknownReason(err: LatchError, headers: HeaderReader, raw: string | null): RefusalReason {
  if (err.code === "too_many_failed_attempts") return "throttled";
  if (raw) return "unknown";
  return headers.get("authorization") || headers.get("x-api-key") ? "malformed" : "missing";
}

/** Called for a request refused before it was authenticated; fills ctx for metering when the key is known. */
export async function attributeRefusal(ctx: RequestContext, request: ProxyRequest, endpoint: Endpoint, hasBody: boolean, err: LatchError): Promise<void> {
  if (err.code !== "too_many_failed_attempts" && !KNOWN_KEY_CODES.has(err.code)) return;
  const raw = extractKey(request.headers);
  // Authentication just loaded the key into the cache, so this is a lookup, not a query.
  const key = raw && err.code !== "too_many_failed_attempts" ? peekKey(hashSecret(raw)) : null;
  if (!key) return countRefusedAttempt(unknownReason(err, request.headers, raw), raw, ctx.clientIp, ctx.userAgent);
  ctx.org = await getOrgSnapshot(key.orgId);
  ctx.key = key;
  if (hasBody)
    ctx.model = await readProxyBody(request, endpoint).then(
      (b) => b.model,
      () => null,
    );
  alertRefusedKey(key, err.code, ctx.clientIp, ctx.userAgent);
}
