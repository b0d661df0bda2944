import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { UpdateDimensionInput } from "@/lib/attribution/schemas";
import { assertOrgTeams, DIMENSION_FIELDS, getDimensionOrThrow, type DimensionRecord } from "@/lib/attribution/queries";
import { assertDefaultsAllowed } from "@/lib/attribution/create";

/** Changes a dimension's label, values, requirement or defaults; its name is fixed. */
export async function updateDimension({ actor, input }: { actor: Actor; input: UpdateDimensionInput }): Promise<DimensionRecord> {
  requirePermission(actor, "org.write");
  const { id, ...changes } = UpdateDimensionInput.parse(input);
  const updated = await db.$transaction(async (tx) => {
    const current = await getDimensionOrThrow(tx, actor.orgId, id);
    const teamDefaults = changes.teamDefaults ?? (current.teamDefaults as Record<string, string>);
    const next = {
      name: current.name,
      values: changes.values ?? current.values,
      required: changes.required ?? current.required,
      defaultValue: changes.defaultValue === undefined ? current.defaultValue : changes.defaultValue,
      teamDefaults,
    };
    assertDefaultsAllowed(next);
    if (changes.teamDefaults) await assertOrgTeams(tx, actor.orgId, Object.keys(changes.teamDefaults));
    const row = await tx.attributionDimension.update({ where: { id: current.id, orgId: actor.orgId }, data: changes, select: DIMENSION_FIELDS });
    const changed = Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined);
    await recordAudit(tx, actor, { action: "dimension.updated", targetType: "dimension", targetId: row.id, metadata: { name: row.name, fields: changed } });
    return row;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return updated;
}
