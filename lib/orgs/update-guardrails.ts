import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { assertDefaultsWithinLimits } from "@/lib/guardrails/defaults-within-limits";
import { resolveGuardrails } from "@/lib/guardrails/resolve";
import { UpdateGuardrailsInput } from "@/lib/orgs/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Replaces the org's key guardrails: the defaults a new key starts from, the most a developer may
 * grant themselves, and what happens beyond that. The defaults must fit the maxima (a prefilled
 * form that already needs approval helps nobody). Existing keys keep their own policy.
 */
export async function updateOrgGuardrails({ actor, input }: { actor: Actor; input: UpdateGuardrailsInput }): Promise<void> {
  requirePermission(actor, "org.write");
  const data = UpdateGuardrailsInput.parse(input);
  assertDefaultsWithinLimits(resolveGuardrails(data));
  await db.$transaction(async (tx) => {
    const current = await tx.organization.findUniqueOrThrow({
      where: { id: actor.orgId },
      select: { defaultKeyPolicy: true, maxKeyPolicy: true, approvalRules: true },
    });
    const next = {
      defaultKeyPolicy: data.defaultKeyPolicy as Prisma.InputJsonObject,
      maxKeyPolicy: data.maxKeyPolicy as Prisma.InputJsonObject,
      ...(data.approvalRules ? { approvalRules: data.approvalRules as Prisma.InputJsonObject } : {}),
    };
    await tx.organization.update({ where: { id: actor.orgId }, data: next });
    await recordAudit(tx, actor, { action: "org.guardrails_updated", targetType: "org", targetId: actor.orgId, before: current, after: next });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
