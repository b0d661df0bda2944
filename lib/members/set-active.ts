import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { publishInvalidation } from "@/lib/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { assertAnotherAdminRemains, ADMIN_ROLES } from "@/lib/members/queries";
import { SetMemberActiveInput } from "@/lib/members/schemas";
import { deactivateMember, reactivateMember } from "@/lib/scim/deprovision";
import { getMemberOrThrow } from "@/lib/teams/queries";
import { assertMemberCapacity } from "@/lib/billing/plan-limits";
import { queueSeatSync } from "@/lib/billing/seats";

/**
 * Deactivates (or restores) a member from the admin console. A leaver is handled exactly as
 * when the IdP deprovisions them (lib/scim/deprovision.ts): one rule, whichever side starts it.
 * Their own keys are revoked or suspended per the org; team keys stay with the team.
 */
export async function setMemberActive({ actor, input }: { actor: Actor; input: SetMemberActiveInput }): Promise<{ stoppedKeys: number }> {
  requirePermission(actor, "members.write");
  const { userId, active } = SetMemberActiveInput.parse(input);
  if (!active && userId === actorUserId(actor)) throw new InvalidRequestError("You cannot deactivate yourself.", "userId", "cannot_deactivate_self");
  const stopped = await db.$transaction(async (tx) => {
    const member = await getMemberOrThrow(actor, userId, tx);
    if (member.active === active) return [];
    if (active) {
      await assertMemberCapacity(actor.orgId);
      await reactivateMember(tx, actor, member);
      return [];
    }
    if (ADMIN_ROLES.includes(member.role)) await assertAnotherAdminRemains(tx, actor.orgId, userId);
    return deactivateMember(tx, actor, member);
  });
  // After commit: publishing earlier would let a racing request re-cache the old key status.
  await Promise.all(stopped.map((keyId) => publishInvalidation({ kind: "key", keyId })));
  queueSeatSync(actor.orgId);
  return { stoppedKeys: stopped.length };
}
