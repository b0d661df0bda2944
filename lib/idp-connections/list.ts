import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { parseMappings, type GroupRoleMappings } from "@/lib/auth/group-roles";
import { CONNECTION_PUBLIC_FIELDS } from "@/lib/idp-connections/queries";

/** What the SSO settings page shows: never the secret, not even encrypted. */
export async function listIdpConnections({ actor }: { actor: Actor }) {
  requirePermission(actor, "org.write");
  const rows = await db.idpConnection.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: "asc" }, select: CONNECTION_PUBLIC_FIELDS });
  return rows.map((r) => ({ ...r, groupRoleMappings: parseMappings(r.groupRoleMappings) }));
}

/** The org's own settings that SSO needs: its domains and the mapping for the configured IdPs. */
export async function getOrgSsoSettings({ actor }: { actor: Actor }): Promise<{ emailDomains: string[]; groupRoleMappings: GroupRoleMappings }> {
  requirePermission(actor, "org.write");
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { emailDomains: true, groupRoleMappings: true } });
  return { emailDomains: org.emailDomains, groupRoleMappings: parseMappings(org.groupRoleMappings) };
}
