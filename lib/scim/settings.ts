// The admin side of SCIM: what the setup screen shows, and the org's choice between revoking
// and suspending a leaver's keys.
import { z } from "zod";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";

export const DeprovisionInput = z.object({ deprovisionAction: z.enum(["revoke", "suspend"]) });
export type DeprovisionInput = z.input<typeof DeprovisionInput>;

export async function getScimSetup({ actor }: { actor: Actor }) {
  requirePermission(actor, "org.write");
  const [org, tokens, suspendedKeys] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { deprovisionAction: true, emailDomains: true } }),
    db.managementToken.count({ where: { orgId: actor.orgId, scopes: { has: "scim" }, revokedAt: null } }),
    db.virtualKey.findMany({
      where: { orgId: actor.orgId, status: "suspended" },
      select: { id: true, name: true, prefix: true, owner: { select: { email: true } } },
      orderBy: { updatedAt: "desc" },
      take: 200,
    }),
  ]);
  return { ...org, activeScimTokens: tokens, suspendedKeys };
}

export async function setDeprovisionAction({ actor, input }: { actor: Actor; input: DeprovisionInput }): Promise<void> {
  requirePermission(actor, "org.write");
  const { deprovisionAction } = DeprovisionInput.parse(input);
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { deprovisionAction: true } });
    if (before.deprovisionAction === deprovisionAction) return;
    await tx.organization.update({ where: { id: actor.orgId }, data: { deprovisionAction } });
    await recordAudit(tx, actor, { action: "org.updated", targetType: "org", targetId: actor.orgId, before, after: { deprovisionAction } });
  });
}
