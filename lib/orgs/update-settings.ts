import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { writeSpendCap } from "@/lib/budgets/queries";
import { UpdateOrgSettingsInput } from "@/lib/orgs/schemas";

/** Org-wide rules the gateway enforces; the org snapshot is invalidated so they apply to the next request. */
export async function updateOrgSettings({ actor, input }: { actor: Actor; input: UpdateOrgSettingsInput }): Promise<void> {
  requirePermission(actor, "org.write");
  const { spendCap, ...fields } = UpdateOrgSettingsInput.parse(input);
  const changed = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await db.$transaction(async (tx) => {
    const current = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId } });
    await tx.organization.update({ where: { id: actor.orgId }, data: changed });
    const cap = spendCap ? await writeSpendCap(tx, actor.orgId, { scope: "org" }, spendCap) : null;
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, current[k as keyof typeof current]]));
    await recordAudit(tx, actor, {
      action: "org.updated",
      targetType: "org",
      targetId: actor.orgId,
      before: { ...before, ...(cap ? { spendCap: cap.before } : {}) },
      after: { ...changed, ...(cap ? { spendCap: cap.after } : {}) },
    });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
