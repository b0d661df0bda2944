// Replaces data-classification settings: the org's limit, detector levels and custom detectors,
// and the limits of the teams and keys listed. Admins only (org.write), also for keys: raising a
// key's level loosens what may leave the org, so it is not a self-service setting.
import { db, Prisma } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { publishInvalidation } from "@/lib/invalidation";
import { UpdateClassificationInput } from "@/lib/policy/classification/schemas";

export async function updateClassificationSettings({ actor, input }: { actor: Actor; input: UpdateClassificationInput }): Promise<void> {
  requirePermission(actor, "org.write");
  const { org, teams = [], keys = [] } = UpdateClassificationInput.parse(input);
  await db.$transaction(async (tx) => {
    if (org) {
      const current = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { classification: true } });
      await tx.organization.update({ where: { id: actor.orgId }, data: { classification: org as Prisma.InputJsonObject } });
      await recordAudit(tx, actor, {
        action: "org.classification_updated",
        targetType: "org",
        targetId: actor.orgId,
        before: { classification: current.classification },
        after: { classification: org },
      });
    }
    for (const { teamId, maxLevel, action } of teams) {
      // Scoped by the actor's org: another org's team id is simply not found.
      const current = await tx.team.findFirst({ where: { id: teamId, orgId: actor.orgId }, select: { classification: true } });
      if (!current) throw new NotFoundError("team_not_found", "No such team.", "teamId");
      const next = maxLevel === null && action === null ? null : { maxLevel, action };
      await tx.team.update({ where: { id: teamId }, data: { classification: next ?? Prisma.DbNull } });
      await recordAudit(tx, actor, {
        action: "team.classification_updated",
        targetType: "team",
        targetId: teamId,
        before: { classification: current.classification },
        after: { classification: next },
      });
    }
    for (const { keyId, maxLevel, action } of keys) {
      const current = await tx.virtualKey.findFirst({ where: { id: keyId, orgId: actor.orgId }, select: { maxSensitivity: true, sensitivityAction: true } });
      if (!current) throw new NotFoundError("key_not_found", "No such key.", "keyId");
      await tx.virtualKey.update({ where: { id: keyId }, data: { maxSensitivity: maxLevel, sensitivityAction: action } });
      await recordAudit(tx, actor, {
        action: "key.classification_updated",
        targetType: "key",
        targetId: keyId,
        before: current,
        after: { maxSensitivity: maxLevel, sensitivityAction: action },
      });
    }
  });
  // Team limits live in the org snapshot; key limits in the key cache.
  if (org || teams.length) await publishInvalidation({ kind: "org", orgId: actor.orgId });
  for (const { keyId } of keys) await publishInvalidation({ kind: "key", keyId });
}
