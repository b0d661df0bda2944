import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { assertAnotherAdminRemains, ADMIN_ROLES } from "@/lib/members/queries";
import { SetMemberRoleInput } from "@/lib/members/schemas";
import { getMemberOrThrow } from "@/lib/teams/queries";

/** Promotes or demotes a member. The portal re-reads roles on every request, so it applies at once. */
export async function setMemberRole({ actor, input }: { actor: Actor; input: SetMemberRoleInput }): Promise<void> {
  requirePermission(actor, "members.write");
  const { userId, role } = SetMemberRoleInput.parse(input);
  await db.$transaction(async (tx) => {
    const member = await getMemberOrThrow(actor, userId, tx);
    if (member.role === role) return;
    if (ADMIN_ROLES.includes(member.role) && !ADMIN_ROLES.includes(role)) await assertAnotherAdminRemains(tx, actor.orgId, userId);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await recordAudit(tx, actor, { action: "member.role_changed", targetType: "user", targetId: userId, before: { role: member.role }, after: { role } });
  });
}
