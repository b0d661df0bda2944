import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getManagementTokenOrThrow } from "@/lib/management-tokens/list";
import { TOKEN_PUBLIC_FIELDS, type ManagementTokenRecord } from "@/lib/management-tokens/schemas";

/** Final and immediate: tokens are looked up in Postgres on every call, with no cache to outlive this. */
export async function revokeManagementToken({ actor, tokenId }: { actor: Actor; tokenId: string }): Promise<ManagementTokenRecord> {
  requirePermission(actor, "tokens.write");
  const token = await getManagementTokenOrThrow(actor, tokenId);
  if (token.revokedAt) return token;
  return db.$transaction(async (tx) => {
    const revoked = await tx.managementToken.update({
      where: { id: token.id, orgId: actor.orgId },
      data: { revokedAt: new Date() },
      select: TOKEN_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, { action: "management_token.revoked", targetType: "management_token", targetId: token.id, metadata: { name: token.name } });
    return revoked;
  });
}
