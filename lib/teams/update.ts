import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { assertDefaultsWithinLimits } from "@/lib/guardrails/defaults-within-limits";
import { resolveGuardrails } from "@/lib/guardrails/resolve";
import { assertTeamNameFree, getTeamOrThrow } from "@/lib/teams/queries";
import { UpdateTeamInput } from "@/lib/teams/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Renames a team (names stay unique in the org) or replaces its key guardrails, which override
 * the org's field by field; the resulting defaults must fit the resulting maxima.
 */
export async function updateTeam({ actor, input }: { actor: Actor; input: UpdateTeamInput }) {
  requirePermission(actor, "teams.write");
  const { teamId, name, defaultKeyPolicy, maxKeyPolicy, degradeRules } = UpdateTeamInput.parse(input);
  const current = await getTeamOrThrow(actor, teamId);
  const data = {
    ...(name !== undefined ? { name } : {}),
    ...(defaultKeyPolicy ? { defaultKeyPolicy: defaultKeyPolicy as Prisma.InputJsonObject } : {}),
    ...(maxKeyPolicy ? { maxKeyPolicy: maxKeyPolicy as Prisma.InputJsonObject } : {}),
    ...(degradeRules ? { degradeRules: degradeRules as Prisma.InputJsonArray } : {}),
  };
  const team = await db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({
      where: { id: current.id },
      select: { name: true, defaultKeyPolicy: true, maxKeyPolicy: true, degradeRules: true },
    });
    if (name !== undefined) await assertTeamNameFree(tx, actor.orgId, name, current.id);
    if (defaultKeyPolicy || maxKeyPolicy) {
      const org = await tx.organization.findUniqueOrThrow({
        where: { id: actor.orgId },
        select: { defaultKeyPolicy: true, maxKeyPolicy: true, approvalRules: true },
      });
      assertDefaultsWithinLimits(
        resolveGuardrails(org, { defaultKeyPolicy: defaultKeyPolicy ?? before.defaultKeyPolicy, maxKeyPolicy: maxKeyPolicy ?? before.maxKeyPolicy }),
      );
    }
    const updated = await tx.team.update({ where: { id: current.id, orgId: actor.orgId }, data, select: { id: true, name: true, slug: true } });
    const changed = Object.keys(data) as (keyof typeof before)[];
    await recordAudit(tx, actor, {
      action: "team.updated",
      targetType: "team",
      targetId: current.id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: data,
    });
    return updated;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return team;
}
