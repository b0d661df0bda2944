import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { CreateDimensionInput } from "@/lib/attribution/schemas";
import { assertOrgTeams, DIMENSION_FIELDS, type DimensionRecord } from "@/lib/attribution/queries";
import { valueProblem, compileDimensions } from "@/lib/attribution/compile";

/** Defines a dimension. Existing keys carry no value for it until set, so `required` binds new keys only. */
export async function createDimension({ actor, input }: { actor: Actor; input: CreateDimensionInput }): Promise<DimensionRecord> {
  requirePermission(actor, "org.write");
  const data = CreateDimensionInput.parse(input);
  assertDefaultsAllowed(data);
  const created = await db.$transaction(async (tx) => {
    await assertOrgTeams(tx, actor.orgId, Object.keys(data.teamDefaults));
    const row = await tx.attributionDimension.create({
      data: { ...data, label: data.label ?? data.name, orgId: actor.orgId },
      select: DIMENSION_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "dimension.created",
      targetType: "dimension",
      targetId: row.id,
      metadata: { name: row.name, required: row.required },
    });
    return row;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return created;
}

/** Defaults must themselves be allowed values, or every defaulted request would carry a bad one. */
export function assertDefaultsAllowed(d: {
  name: string;
  values: string[];
  required: boolean;
  defaultValue: string | null;
  teamDefaults: Record<string, string>;
}): void {
  const dim = compileDimensions([d]).get(d.name);
  const defaults: [string, string | null][] = [
    ["defaultValue", d.defaultValue],
    ...Object.entries(d.teamDefaults).map(([team, v]): [string, string] => [`teamDefaults.${team}`, v]),
  ];
  for (const [param, value] of defaults) {
    const problem = value === null ? null : valueProblem(dim, value);
    if (problem) throw new InvalidRequestError(`The default ${problem}.`, param, "invalid_dimension");
  }
}
