import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { InvalidRequestError } from "@/lib/errors";

/**
 * Makes a suspended key work again. Suspension (SCIM deprovisioning when the org chose it) is the
 * reversible stop, revocation the final one. Only while the owner is an active member, so
 * resuming cannot hand a leaver their key back.
 */
export async function resumeKey({ actor, keyId }: { actor: Actor; keyId: string }): Promise<void> {
  requirePermission(actor, "keys.write.all");
  const key = await getKeyOrThrow(actor, keyId, "write");
  if (key.status !== "suspended") throw new InvalidRequestError("Only a suspended key can be resumed.", "id", "key_not_suspended");
  await db.$transaction(async (tx) => {
    if (key.ownerUserId && !(await tx.membership.findFirst({ where: { orgId: actor.orgId, userId: key.ownerUserId, active: true }, select: { id: true } })))
      throw new InvalidRequestError("The key's owner is not an active member of this organisation.", "id", "owner_inactive");
    // Conditional on the status, so a concurrent revoke is never undone.
    const { count } = await tx.virtualKey.updateMany({ where: { id: key.id, orgId: actor.orgId, status: "suspended" }, data: { status: "active" } });
    if (count) await recordAudit(tx, actor, { action: "key.resumed", targetType: "key", targetId: key.id, metadata: { name: key.name } });
  });
  await publishInvalidation({ kind: "key", keyId: key.id });
}
