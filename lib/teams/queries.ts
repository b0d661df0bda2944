import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { InvalidRequestError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** Scoped by the actor's org: another org's team id is simply not found. */
export async function getTeamOrThrow(actor: Actor, teamId: string, tx: Tx = db) {
  const team = await tx.team.findFirst({ where: { id: teamId, orgId: actor.orgId }, select: { id: true, name: true, slug: true } });
  if (!team) throw new NotFoundError("team_not_found", "No such team.", "teamId");
  return team;
}

/** Only people with a membership in the actor's org can join its teams. */
export async function getMemberOrThrow(actor: Actor, userId: string, tx: Tx = db) {
  const membership = await tx.membership.findFirst({
    where: { orgId: actor.orgId, userId },
    select: { id: true, userId: true, role: true, active: true, user: { select: { email: true, name: true } } },
  });
  if (!membership) throw new NotFoundError("member_not_found", "No such member.", "userId");
  return membership;
}

/** A free slug: the wanted one, else wanted-2, wanted-3… */
export async function freeTeamSlug(tx: Tx, orgId: string, wanted: string): Promise<string> {
  const taken = new Set((await tx.team.findMany({ where: { orgId, slug: { startsWith: wanted } }, select: { slug: true } })).map((t) => t.slug));
  if (!taken.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!taken.has(`${wanted}-${i}`)) return `${wanted}-${i}`;
}

/** Team names are unique in an org, ignoring case and surrounding spaces: two "Platform" teams cannot be told apart. */
export async function assertTeamNameFree(tx: Tx, orgId: string, name: string, exceptTeamId?: string): Promise<void> {
  const clash = await tx.team.findFirst({
    where: { orgId, name: { equals: name.trim(), mode: "insensitive" }, ...(exceptTeamId ? { id: { not: exceptTeamId } } : {}) },
    select: { name: true },
  });
  if (clash) throw new InvalidRequestError(`A team named “${clash.name}” already exists.`, "name", "already_exists", 409);
}
