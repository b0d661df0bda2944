import { db } from "@/lib/db";
import { requirePermission, actorUserId, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getKeyOrThrow } from "@/lib/keys/queries";

/** Revocation is final: a revoked key is rejected everywhere within a second and never re-activated. */
export async function revokeKey({ actor, keyId }: { actor: Actor; keyId: string }): Promise<void> {
  requirePermission(actor, "keys.write.own");
  const key = await getKeyOrThrow(actor, keyId, "write");
  if (key.status === "revoked") return;
  await db.$transaction(async (tx) => {
    await tx.virtualKey.update({
      where: { id: key.id },
      data: { status: "revoked", revokedAt: new Date(), revokedById: actorUserId(actor), previousHash: null },
    });
    await recordAudit(tx, actor, { action: "key.revoked", targetType: "key", targetId: key.id, metadata: { name: key.name } });
  });
  await publishInvalidation({ kind: "key", keyId: key.id });
}
