import { db } from "@/lib/db";
import { storedDegradeRules } from "@/lib/policy/degrade-rules";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { loadSpendCaps } from "@/lib/budgets/queries";
import { KeyDefaults, StoredKeyLimits } from "@/lib/guardrails/schemas";
import { getTeamOrThrow } from "@/lib/teams/queries";

export async function listTeams({ actor }: { actor: Actor }) {
  requirePermission(actor, "teams.write");
  const [teams, caps] = await Promise.all([
    db.team.findMany({
      where: { orgId: actor.orgId },
      select: { id: true, name: true, slug: true, createdAt: true, _count: { select: { members: true, keys: { where: { status: "active" } } } } },
      orderBy: { name: "asc" },
    }),
    loadSpendCaps(actor.orgId),
  ]);
  return teams.map((t) => ({ ...t, members: t._count.members, activeKeys: t._count.keys, cap: caps.team.get(t.id) ?? null }));
}

/** One team with its members, keys, cap and guardrails, for the team page. */
export async function getTeam({ actor, teamId }: { actor: Actor; teamId: string }) {
  requirePermission(actor, "teams.write");
  const { id } = await getTeamOrThrow(actor, teamId);
  const [team, caps] = await Promise.all([
    db.team.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        name: true,
        slug: true,
        defaultKeyPolicy: true,
        maxKeyPolicy: true,
        degradeRules: true,
        members: { select: { userId: true, createdAt: true, user: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" } },
        keys: {
          select: { id: true, name: true, prefix: true, status: true, lastUsedAt: true, owner: { select: { email: true } } },
          orderBy: { createdAt: "desc" },
          take: 200,
        },
      },
    }),
    loadSpendCaps(actor.orgId),
  ]);
  return {
    ...team,
    cap: caps.team.get(team.id) ?? null,
    degradeRules: storedDegradeRules(team.degradeRules),
    guardrails: {
      defaults: KeyDefaults.safeParse(team.defaultKeyPolicy ?? {}).data ?? {},
      limits: StoredKeyLimits.safeParse(team.maxKeyPolicy ?? {}).data ?? {},
    },
  };
}
export type TeamDetail = Awaited<ReturnType<typeof getTeam>>;
