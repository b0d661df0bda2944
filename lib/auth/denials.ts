// Refusals worth an audit trail: someone asked for a specific thing that exists but is not
// theirs (another person's key, another org's member or IdP connection). A plain "no such
// thing" is not audited; it tells no one anything.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Action, Actor } from "@/lib/auth/permissions";

export type Denial = { permission: Action; targetType: string; targetId: string; resourceOrgId: string };

/**
 * Written to the actor's org and, when the target lives in another org, to that org as well:
 * its admins should see who tried to reach their data. Outside any transaction on purpose, so
 * the record survives the refusal that follows.
 */
export async function recordDenial(actor: Actor, denial: Denial): Promise<void> {
  const crossOrg = denial.resourceOrgId !== actor.orgId;
  const entry = {
    action: "access.denied",
    targetType: denial.targetType,
    targetId: denial.targetId,
    metadata: { permission: denial.permission, crossOrg, ...(crossOrg ? { actorOrgId: actor.orgId } : {}) },
  };
  await recordAudit(db, actor, entry);
  if (crossOrg) await recordAudit(db, { ...actor, orgId: denial.resourceOrgId }, entry);
}

/** Called when a scoped key lookup came back empty: audits it if the key exists but is off-limits. */
export async function auditKeyDenial(actor: Actor, keyId: string, permission: Action): Promise<void> {
  const key = await db.virtualKey.findUnique({ where: { id: keyId }, select: { orgId: true } });
  if (key) await recordDenial(actor, { permission, targetType: "key", targetId: keyId, resourceOrgId: key.orgId });
}
