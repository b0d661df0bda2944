import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import type { CreateManagementTokenInput, ManagementTokenRecord } from "@/lib/management-tokens/schemas";
import { iso, PageQuery, Timestamp } from "@/lib/api/serializers/common";

const Scope = z.enum(TOKEN_SCOPES);

export const CreateManagementTokenBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(Scope).min(1).max(TOKEN_SCOPES.length),
    expires_at: Timestamp.nullable().optional().describe("RFC 3339; null or absent never expires."),
  })
  .meta({ title: "CreateManagementTokenRequest" });

export const ListManagementTokensQuery = PageQuery;

export const ManagementTokenJson = z
  .object({
    id: z.string(),
    object: z.literal("management_token"),
    name: z.string(),
    token_prefix: z.string(),
    scopes: z.array(z.string()),
    status: z.enum(["active", "revoked", "expired"]),
    created_at: Timestamp,
    expires_at: Timestamp.nullable(),
    last_used_at: Timestamp.nullable().describe("Updated at most once a minute."),
    revoked_at: Timestamp.nullable(),
  })
  .meta({ title: "ManagementToken" });
export const ManagementTokenWithSecretJson = ManagementTokenJson.extend({ token: z.string().describe("The raw token. Shown once, never again.") }).meta({
  title: "ManagementTokenWithSecret",
});

export function toManagementTokenJson(t: ManagementTokenRecord, now = Date.now()): z.input<typeof ManagementTokenJson> {
  const status = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt.getTime() <= now ? "expired" : "active";
  return {
    id: t.id,
    object: "management_token",
    name: t.name,
    token_prefix: t.prefix,
    scopes: t.scopes,
    status,
    created_at: t.createdAt.toISOString(),
    expires_at: iso(t.expiresAt),
    last_used_at: iso(t.lastUsedAt),
    revoked_at: iso(t.revokedAt),
  };
}

export const toCreateManagementTokenInput = (b: z.output<typeof CreateManagementTokenBody>): CreateManagementTokenInput => ({
  name: b.name,
  scopes: b.scopes,
  expiresAt: b.expires_at ? new Date(b.expires_at) : null,
});
