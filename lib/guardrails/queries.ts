// Reads behind the guardrail checks, always scoped by the actor's org.
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { resolveGuardrails } from "@/lib/guardrails/resolve";
import type { Guardrails } from "@/lib/guardrails/schemas";

const SOURCE = { defaultKeyPolicy: true, maxKeyPolicy: true } as const;

export async function loadGuardrails(orgId: string, teamId?: string | null): Promise<Guardrails> {
  const [org, team] = await Promise.all([
    db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { ...SOURCE, approvalRules: true } }),
    teamId ? db.team.findFirst({ where: { id: teamId, orgId }, select: SOURCE }) : null,
  ]);
  if (teamId && !team) throw new NotFoundError("team_not_found", "No such team.", "teamId");
  return resolveGuardrails(org, team);
}

/** Keys a person owns that still work: what "active keys per developer" counts. */
export function countActiveKeys(orgId: string, userId: string, now = new Date()): Promise<number> {
  return db.virtualKey.count({
    where: { orgId, ownerUserId: userId, status: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
}

export async function isTeamMember(orgId: string, teamId: string, userId: string): Promise<boolean> {
  const row = await db.teamMember.findFirst({ where: { teamId, userId, team: { orgId } }, select: { teamId: true } });
  return row !== null;
}

/** The teams a person may create team keys for, with the guardrails each applies. */
export async function listOwnTeams(orgId: string, userId: string) {
  return db.team.findMany({
    where: { orgId, members: { some: { userId } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
