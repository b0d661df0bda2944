import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { getMemberOrThrow, getTeamOrThrow } from "@/lib/teams/queries";
import { TeamMemberInput } from "@/lib/teams/schemas";

/** Idempotent: adding someone already in the team changes nothing and records nothing. */
export async function addTeamMember({ actor, input }: { actor: Actor; input: TeamMemberInput }): Promise<void> {
  requirePermission(actor, "teams.write");
  const { teamId, userId } = TeamMemberInput.parse(input);
  const [team, member] = await Promise.all([getTeamOrThrow(actor, teamId), getMemberOrThrow(actor, userId)]);
  await db.$transaction(async (tx) => {
    const existing = await tx.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: member.userId } } });
    if (existing) return;
    await tx.teamMember.create({ data: { teamId: team.id, userId: member.userId } });
    await recordAudit(tx, actor, {
      action: "team.member_added",
      targetType: "team",
      targetId: team.id,
      metadata: { userId: member.userId, email: member.user.email },
    });
  });
}
