// Group → role over SCIM: the same mapping SSO sign-in applies (Organization.groupRoleMappings,
// lib/auth/group-roles.ts), read against the teams SCIM put a person in. A team matches by its
// name (Okta sends group names) or its externalId (Entra's groups claim carries object ids).
import type { Actor, Role } from "@/lib/auth/permissions";
import { parseMappings, roleForGroups, type GroupRoleMappings } from "@/lib/auth/group-roles";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type GroupNames = { name: string; scimExternalId: string | null };

/** When no mapped group is left, the person falls back to the default role, as a new member gets. */
const DEFAULT_ROLE: Role = "developer";

const namesOf = (team: GroupNames) => (team.scimExternalId ? [team.name, team.scimExternalId] : [team.name]);

export async function loadMappings(tx: Tx, orgId: string): Promise<GroupRoleMappings> {
  const org = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { groupRoleMappings: true } });
  return parseMappings(org.groupRoleMappings);
}

export const isMapped = (mappings: GroupRoleMappings, team: GroupNames) => namesOf(team).some((n) => mappings[n] !== undefined);

/**
 * Recomputes the role of people whose membership of a mapped group just changed. Only they are
 * touched, so a role an admin set in Latch stands until the IdP manages that person through a
 * mapped group. Like SSO sign-in, this does not guard the last admin: the IdP is authoritative,
 * and LATCH_BOOTSTRAP_ADMINS is the way back in.
 */
export async function syncRoles(tx: Tx, actor: Actor, mappings: GroupRoleMappings, userIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length || !Object.keys(mappings).length) return;
  const members = await tx.membership.findMany({
    where: { orgId: actor.orgId, userId: { in: ids } },
    select: {
      id: true,
      userId: true,
      role: true,
      user: { select: { teams: { where: { team: { orgId: actor.orgId } }, select: { team: { select: { name: true, scimExternalId: true } } } } } },
    },
  });
  for (const m of members) {
    const role =
      roleForGroups(
        mappings,
        m.user.teams.flatMap(({ team }) => namesOf(team)),
      ) ?? DEFAULT_ROLE;
    if (role === m.role) continue;
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await recordAudit(tx, actor, {
      action: "member.role_changed",
      targetType: "user",
      targetId: m.userId,
      before: { role: m.role },
      after: { role },
      metadata: { via: "scim" },
    });
  }
}
