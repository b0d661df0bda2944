import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { loadSpendCaps } from "@/lib/budgets/queries";
import { KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";
import { getMemberOrThrow } from "@/lib/teams/queries";

/** Everyone in the org with role, teams, cap, active key count and whether they have signed in yet. Admin screen: needs members.write. */
export async function listMembers({ actor }: { actor: Actor }) {
  requirePermission(actor, "members.write");
  const [rows, caps, keyCounts, signedIn] = await Promise.all([
    db.membership.findMany({
      where: { orgId: actor.orgId },
      select: {
        userId: true,
        role: true,
        active: true,
        createdAt: true,
        user: {
          select: { email: true, name: true, teams: { where: { team: { orgId: actor.orgId } }, select: { team: { select: { id: true, name: true } } } } },
        },
      },
      orderBy: [{ active: "desc" }, { createdAt: "asc" }],
    }),
    loadSpendCaps(actor.orgId),
    db.virtualKey.groupBy({ by: ["ownerUserId"], where: { orgId: actor.orgId, status: "active" }, _count: { _all: true } }),
    // Sign-ins are audited (lib/auth/callbacks.ts): a member with none is still waiting for their first.
    db.auditEvent.findMany({ where: { orgId: actor.orgId, action: "user.signed_in", actorType: "user" }, distinct: ["actorId"], select: { actorId: true } }),
  ]);
  const keys = new Map(keyCounts.map((k) => [k.ownerUserId, k._count._all]));
  const joined = new Set(signedIn.map((e) => e.actorId));
  return rows.map(({ user, ...m }) => ({
    ...m,
    email: user.email,
    name: user.name,
    teams: user.teams.map((t) => t.team),
    activeKeys: keys.get(m.userId) ?? 0,
    pending: !joined.has(m.userId),
    cap: caps.user.get(m.userId) ?? null,
  }));
}
export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

/** One member with their teams, cap and every key they own (any status). */
export async function getMember({ actor, userId }: { actor: Actor; userId: string }) {
  requirePermission(actor, "members.write");
  const member = await getMemberOrThrow(actor, userId);
  const [teams, keys, caps] = await Promise.all([
    db.team.findMany({ where: { orgId: actor.orgId, members: { some: { userId } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.virtualKey.findMany({
      where: { orgId: actor.orgId, ownerUserId: userId },
      select: { ...KEY_PUBLIC_FIELDS, team: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    loadSpendCaps(actor.orgId),
  ]);
  return { ...member, teams, keys, cap: caps.user.get(userId) ?? null };
}

/** The domains single sign-on accepts for this org: who can be added ahead of a first sign-in. */
export async function listInviteDomains({ actor }: { actor: Actor }): Promise<string[]> {
  requirePermission(actor, "members.write");
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { emailDomains: true } });
  return org.emailDomains;
}
