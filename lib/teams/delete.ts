import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getTeamOrThrow } from "@/lib/teams/queries";

/**
 * Deletes a team and its caps. Its keys keep working as team-less keys (the schema nulls teamId)
 * rather than failing mid-flight; revoke them first when that is the intent.
 */
export async function deleteTeam({ actor, teamId }: { actor: Actor; teamId: string }): Promise<void> {
  requirePermission(actor, "teams.write");
  const team = await getTeamOrThrow(actor, teamId);
  const keyIds = (await db.virtualKey.findMany({ where: { orgId: actor.orgId, teamId: team.id }, select: { id: true } })).map((k) => k.id);
  await db.$transaction(async (tx) => {
    await tx.team.delete({ where: { id: team.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, { action: "team.deleted", targetType: "team", targetId: team.id, metadata: { name: team.name, keys: keyIds.length } });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  // Cached keys carry their teamId; drop them so the team's (now deleted) cap stops applying at once.
  await Promise.all(keyIds.map((keyId) => publishInvalidation({ kind: "key", keyId })));
}
