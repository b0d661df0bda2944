import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { mappingsFromText, parseMappings } from "@/lib/auth/group-roles";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Group → role for sign-ins through the deployment's configured IdPs (Okta, Entra ID, OIDC).
 * Applied at each sign-in from then on; people whose groups match nothing keep their role.
 */
export async function setOrgGroupRoleMappings({ actor, text }: { actor: Actor; text: string }): Promise<void> {
  requirePermission(actor, "org.write");
  const mappings = mappingsFromText(String(text).slice(0, 20_000));
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { groupRoleMappings: true } });
    await tx.organization.update({ where: { id: actor.orgId }, data: { groupRoleMappings: mappings as Prisma.InputJsonValue } });
    await recordAudit(tx, actor, {
      action: "org.group_roles_updated",
      targetType: "organization",
      targetId: actor.orgId,
      before: { groupRoleMappings: parseMappings(before.groupRoleMappings) },
      after: { groupRoleMappings: mappings },
    });
  });
}
