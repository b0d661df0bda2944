import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getMemberOrThrow, getTeamOrThrow } from "@/lib/teams/queries";
import { TeamMemberInput } from "@/lib/teams/schemas";

/**
 * Takes someone out of a team. Team keys belong to the team, not the person, so they keep
 * working; the person can no longer mint new ones for it.
 */
export async function removeTeamMember({ actor, input }: { actor: Actor; input: TeamMemberInput }): Promise<void> {
  requirePermission(actor, "teams.write");
  const { teamId, userId } = TeamMemberInput.parse(input);
  const [team, member] = await Promise.all([getTeamOrThrow(actor, teamId), getMemberOrThrow(actor, userId)]);
  await db.$transaction(async (tx) => {
    const { count } = await tx.teamMember.deleteMany({ where: { teamId: team.id, userId: member.userId } });
    if (count === 0) return;
    await recordAudit(tx, actor, {
      action: "team.member_removed",
      targetType: "team",
      targetId: team.id,
      metadata: { userId: member.userId, email: member.user.email },
    });
  });
}
