// What /scim/v2 reads, always scoped by the token's org. A SCIM User is a membership (its id is
// the user id, as every members verb takes); a SCIM Group is a team (its id is the team id).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Comparison } from "@/lib/scim/filter";
import { invalidFilter, notFound } from "@/lib/scim/errors";

type Tx = Prisma.TransactionClient;

export const memberSelect = (orgId: string) =>
  ({
    id: true,
    userId: true,
    role: true,
    active: true,
    scimUserName: true,
    scimExternalId: true,
    createdAt: true,
    updatedAt: true,
    user: {
      select: { email: true, name: true, updatedAt: true, teams: { where: { team: { orgId } }, select: { team: { select: { id: true, name: true } } } } },
    },
  }) satisfies Prisma.MembershipSelect;
export type ScimMember = Prisma.MembershipGetPayload<{ select: ReturnType<typeof memberSelect> }>;

export const teamSelect = {
  id: true,
  name: true,
  scimExternalId: true,
  createdAt: true,
  updatedAt: true,
  members: { select: { userId: true, user: { select: { email: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.TeamSelect;
export type ScimTeam = Prisma.TeamGetPayload<{ select: typeof teamSelect }>;

/** Deleted over SCIM: kept inactive in Latch (so SSO cannot bring them back), invisible here. */
const live = (orgId: string) => ({ orgId, scimDeletedAt: null });

const text = (value: Comparison["value"], attr: string) => {
  if (typeof value !== "string") throw invalidFilter(`\`${attr}\` compares with a string.`);
  return value;
};

/** userName matches what the IdP sent; people Latch knew before SCIM match by email. Case-insensitive, as RFC 7643 makes userName. */
export function memberWhere(orgId: string, filter: Comparison[] | null): Prisma.MembershipWhereInput {
  const and: Prisma.MembershipWhereInput[] = [live(orgId)];
  for (const { attr, value } of filter ?? []) {
    if (attr === "username") {
      const name = { equals: text(value, attr), mode: "insensitive" as const };
      and.push({ OR: [{ scimUserName: name }, { scimUserName: null, user: { email: name } }] });
    } else if (attr === "externalid") and.push({ scimExternalId: text(value, attr) });
    else if (attr === "id") and.push({ userId: text(value, attr) });
    else if (attr === "emails.value" || attr === "emails") and.push({ user: { email: { equals: text(value, attr), mode: "insensitive" } } });
    else if (attr === "active" && typeof value === "boolean") and.push({ active: value });
    else throw invalidFilter(`Users cannot be filtered by \`${attr}\`.`);
  }
  return { AND: and };
}

export function teamWhere(orgId: string, filter: Comparison[] | null): Prisma.TeamWhereInput {
  const and: Prisma.TeamWhereInput[] = [{ orgId }];
  for (const { attr, value } of filter ?? []) {
    if (attr === "displayname") and.push({ name: { equals: text(value, attr), mode: "insensitive" } });
    else if (attr === "externalid") and.push({ scimExternalId: text(value, attr) });
    else if (attr === "id") and.push({ id: text(value, attr) });
    else throw invalidFilter(`Groups cannot be filtered by \`${attr}\`.`);
  }
  return { AND: and };
}

export async function getScimMemberOrThrow(tx: Tx, orgId: string, userId: string): Promise<ScimMember> {
  const member = await tx.membership.findFirst({ where: { ...live(orgId), userId }, select: memberSelect(orgId) });
  if (!member) throw notFound("User");
  return member;
}

export async function getScimTeamOrThrow(tx: Tx, orgId: string, teamId: string): Promise<ScimTeam> {
  const team = await tx.team.findFirst({ where: { orgId, id: teamId }, select: teamSelect });
  if (!team) throw notFound("Group");
  return team;
}

/** Does another live member already go by this userName? (Uniqueness is the IdP's contract, RFC 7643 §4.1.1.) */
export async function userNameTaken(tx: Tx, orgId: string, userName: string, exceptUserId?: string): Promise<boolean> {
  const where = memberWhere(orgId, [{ attr: "username", value: userName }]);
  return (await tx.membership.count({ where: { AND: [where, ...(exceptUserId ? [{ userId: { not: exceptUserId } }] : [])] } })) > 0;
}
