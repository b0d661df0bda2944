// Latch rows → SCIM resources (RFC 7643 §4). Latch keeps one display name and one email per
// person, so that is what comes back; IdPs compare only the attributes they map.
import type { ScimMember, ScimTeam } from "@/lib/scim/queries";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

const later = (a: Date, b: Date) => (a > b ? a : b);

export function toScimUser(m: ScimMember, base: string) {
  const location = `${base}/Users/${m.userId}`;
  return {
    schemas: [USER_SCHEMA],
    id: m.userId,
    ...(m.scimExternalId ? { externalId: m.scimExternalId } : {}),
    userName: m.scimUserName ?? m.user.email,
    ...(m.user.name ? { name: { formatted: m.user.name }, displayName: m.user.name } : {}),
    emails: [{ value: m.user.email, type: "work", primary: true }],
    active: m.active,
    groups: m.user.teams.map(({ team }) => ({ value: team.id, display: team.name, $ref: `${base}/Groups/${team.id}` })),
    // Read-only: the role comes from group mappings or the admin console, never from SCIM input.
    roles: [{ value: m.role, primary: true }],
    meta: { resourceType: "User", created: m.createdAt.toISOString(), lastModified: later(m.updatedAt, m.user.updatedAt).toISOString(), location },
  };
}

export function toScimGroup(t: ScimTeam, base: string, { members = true }: { members?: boolean } = {}) {
  return {
    schemas: [GROUP_SCHEMA],
    id: t.id,
    ...(t.scimExternalId ? { externalId: t.scimExternalId } : {}),
    displayName: t.name,
    ...(members ? { members: t.members.map((m) => ({ value: m.userId, display: m.user.email, $ref: `${base}/Users/${m.userId}` })) } : {}),
    meta: { resourceType: "Group", created: t.createdAt.toISOString(), lastModified: t.updatedAt.toISOString(), location: `${base}/Groups/${t.id}` },
  };
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
