// Leavers: when the IdP deactivates or deletes someone, their access ends in the same
// transaction. The portal re-reads the membership on every request (lib/auth/actor.ts), so an
// inactive membership signs them out at once; the proxy authenticates keys, not people, so
// their own keys are revoked (final) or suspended (an admin may resume them), per the org.
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Member = { id: string; userId: string; user: { email: string } };

/**
 * Deactivates the membership and stops the person's own keys. Team keys stay: they belong to the
 * team and its remaining members. Returns the key ids whose cached copies the caller must drop
 * after commit (publishing before commit would let a racing request re-cache the old status).
 */
export async function deactivateMember(tx: Tx, actor: Actor, member: Member): Promise<string[]> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { deprovisionAction: true } });
  await tx.membership.update({ where: { id: member.id }, data: { active: false } });
  const keys = await tx.virtualKey.findMany({
    where: { orgId: actor.orgId, ownerUserId: member.userId, teamId: null, status: "active" },
    select: { id: true, name: true },
  });
  const revoke = org.deprovisionAction === "revoke";
  if (keys.length) {
    await tx.virtualKey.updateMany({
      where: { orgId: actor.orgId, id: { in: keys.map((k) => k.id) } },
      data: revoke ? { status: "revoked", revokedAt: new Date(), revokedById: null, previousHash: null } : { status: "suspended" },
    });
  }
  for (const key of keys) {
    await recordAudit(tx, actor, {
      action: revoke ? "key.revoked" : "key.suspended",
      targetType: "key",
      targetId: key.id,
      metadata: { name: key.name, via: "scim", reason: "owner_deprovisioned", userId: member.userId },
    });
  }
  await recordAudit(tx, actor, {
    action: "member.deactivated",
    targetType: "user",
    targetId: member.userId,
    metadata: { email: member.user.email, via: "scim", [revoke ? "revokedKeys" : "suspendedKeys"]: keys.map((k) => k.id) },
  });
  return keys.map((k) => k.id);
}

/** Access comes back; suspended keys do not, by design: an admin resumes them one by one. */
export async function reactivateMember(tx: Tx, actor: Actor, member: Member): Promise<void> {
  await tx.membership.update({ where: { id: member.id }, data: { active: true } });
  await recordAudit(tx, actor, {
    action: "member.reactivated",
    targetType: "user",
    targetId: member.userId,
    metadata: { email: member.user.email, via: "scim" },
  });
}
