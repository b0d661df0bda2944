// Management API authentication: an org-scoped management token (looked up by SHA-256), or the
// bootstrap LATCH_ADMIN_TOKEN for first setup. Virtual keys are refused outright, and management
// tokens never match on the proxy (it looks up virtual keys only), so neither crosses planes.
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { TOKEN_SCOPES, type Actor, type TokenScope } from "@/lib/auth/permissions";
import { AuthenticationError, ServiceUnavailableError } from "@/lib/errors";
import { hashSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";
import { DEMO_ORG_SLUG } from "@/lib/orgs/seed-demo";

export const BOOTSTRAP_TOKEN_ID = "bootstrap";
const LAST_USED_RESOLUTION_MS = 60_000;

function bearer(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}

/** Compares digests, so neither the length nor a prefix of the admin token leaks through timing. */
function isBootstrapToken(raw: string): boolean {
  if (!env.LATCH_ADMIN_TOKEN) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(raw), digest(env.LATCH_ADMIN_TOKEN));
}

async function defaultOrgId(): Promise<string> {
  const org =
    (await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG }, select: { id: true } })) ??
    (await db.organization.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }));
  if (!org) throw new ServiceUnavailableError("no_organization", "No organisation exists yet.");
  return org.id;
}

export async function authenticateManagementToken(headers: Headers, now = Date.now()): Promise<Actor> {
  const raw = bearer(headers);
  if (!raw) throw new AuthenticationError("invalid_management_token", "Missing management token. Send it as `Authorization: Bearer <token>`.");
  if (raw.startsWith(VIRTUAL_KEY_PREFIX))
    throw new AuthenticationError("invalid_management_token", "Virtual API keys cannot call the management API; use a management token.");
  if (isBootstrapToken(raw)) return { kind: "token", tokenId: BOOTSTRAP_TOKEN_ID, orgId: await defaultOrgId(), scopes: ["admin"] };

  const token = await db.managementToken.findUnique({
    where: { hash: hashSecret(raw) },
    select: { id: true, orgId: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt) throw new AuthenticationError("invalid_management_token", "Invalid management token.");
  if (token.expiresAt && token.expiresAt.getTime() <= now) throw new AuthenticationError("management_token_expired", "This management token has expired.");
  if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Best effort and at most once a minute: a lost update only makes lastUsedAt a little stale.
    void db.managementToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {});
  }
  const scopes = token.scopes.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
  return { kind: "token", tokenId: token.id, orgId: token.orgId, scopes };
}
