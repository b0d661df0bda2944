import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/gateway/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { assertAnotherAdminRemains, ADMIN_ROLES } from "@/lib/members/queries";
import { SetMemberActiveInput } from "@/lib/members/schemas";
import { getMemberOrThrow } from "@/lib/teams/queries";

/**
 * Deactivates (or restores) a member. Deactivation also revokes their active keys: the gateway
 * authenticates keys, not people, so a departed person's keys would otherwise keep working.
 * SSO sign-in refuses a deactivated membership (lib/auth/provision.ts).
 */
export async function setMemberActive({ actor, input }: { actor: Actor; input: SetMemberActiveInput }): Promise<{ revokedKeys: number }> {
  requirePermission(actor, "members.write");
  const { userId, active } = SetMemberActiveInput.parse(input);
  if (!active && userId === actorUserId(actor)) throw new InvalidRequestError("You cannot deactivate yourself.", "userId");
  const revoked = await db.$transaction(async (tx) => {
    const member = await getMemberOrThrow(actor, userId, tx);
    if (member.active === active) return [];
    if (!active && ADMIN_ROLES.includes(member.role)) await assertAnotherAdminRemains(tx, actor.orgId, userId);
    await tx.membership.update({ where: { id: member.id }, data: { active } });
    const keys = active ? [] : await tx.virtualKey.findMany({ where: { orgId: actor.orgId, ownerUserId: userId, status: "active" }, select: { id: true } });
    if (keys.length) {
      await tx.virtualKey.updateMany({
        where: { id: { in: keys.map((k) => k.id) }, orgId: actor.orgId },
        data: { status: "revoked", revokedAt: new Date(), revokedById: actorUserId(actor), previousHash: null },
      });
    }
    await recordAudit(tx, actor, {
      action: active ? "member.reactivated" : "member.deactivated",
      targetType: "user",
      targetId: userId,
      metadata: { email: member.user.email, revokedKeys: keys.map((k) => k.id) },
    });
    return keys;
  });
  await Promise.all(revoked.map((k) => publishInvalidation({ kind: "key", keyId: k.id })));
  return { revokedKeys: revoked.length };
}
