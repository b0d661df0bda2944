import { db } from "@/lib/db";
import { requirePermission, actorUserId, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { releaseCarves, revokeChildren } from "@/lib/keys/end-runs";

/**
 * Revocation is final: a revoked key is rejected everywhere within a second and never re-activated.
 * Its child keys are revoked with it (every instance evicts them with the parent), and carved
 * budgets go back to their parents.
 */
export async function revokeKey({ actor, keyId }: { actor: Actor; keyId: string }): Promise<void> {
  requirePermission(actor, "keys.write.own");
  const key = await getKeyOrThrow(actor, keyId, "write");
  if (key.status === "revoked") return;
  const ended = await db.$transaction(async (tx) => {
    await tx.virtualKey.update({
      where: { id: key.id },
      data: { status: "revoked", revokedAt: new Date(), revokedById: actorUserId(actor), previousHash: null },
    });
    await recordAudit(tx, actor, { action: "key.revoked", targetType: "key", targetId: key.id, metadata: { name: key.name } });
    return [key.id, ...(await revokeChildren(tx, actor.orgId, key.id))];
  });
  await publishInvalidation({ kind: "key", keyId: key.id });
  await releaseCarves(actor.orgId, ended);
}
