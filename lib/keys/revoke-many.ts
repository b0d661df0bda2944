import { z } from "zod";
import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";

export const RevokeKeysInput = z.object({ keyIds: z.array(z.string().min(1).max(100)).min(1).max(500) });
export type RevokeKeysInput = z.input<typeof RevokeKeysInput>;

/**
 * Bulk revoke from the admin console: all or nothing, one audit event per key. Ids of other
 * orgs' keys, or keys already revoked, are skipped rather than reported, so a stale selection
 * cannot probe for ids.
 */
export async function revokeKeys({ actor, input }: { actor: Actor; input: RevokeKeysInput }): Promise<{ revoked: number }> {
  requirePermission(actor, "keys.write.all");
  const { keyIds } = RevokeKeysInput.parse(input);
  const keys = await db.$transaction(async (tx) => {
    const found = await tx.virtualKey.findMany({
      where: { orgId: actor.orgId, id: { in: keyIds }, status: { not: "revoked" } },
      select: { id: true, name: true },
    });
    if (!found.length) return [];
    await tx.virtualKey.updateMany({
      where: { orgId: actor.orgId, id: { in: found.map((k) => k.id) } },
      data: { status: "revoked", revokedAt: new Date(), revokedById: actorUserId(actor), previousHash: null },
    });
    for (const key of found)
      await recordAudit(tx, actor, { action: "key.revoked", targetType: "key", targetId: key.id, metadata: { name: key.name, bulk: true } });
    return found;
  });
  await Promise.all(keys.map((k) => publishInvalidation({ kind: "key", keyId: k.id })));
  return { revoked: keys.length };
}
