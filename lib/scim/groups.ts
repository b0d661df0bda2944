// SCIM Groups as Latch teams: the IdP's group membership becomes team membership, and groups
// named in the org's group → role mapping set roles too (lib/scim/roles.ts). One transaction
// per request, audited with the SCIM token as the actor.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { freeTeamSlug } from "@/lib/teams/queries";
import { slugify } from "@/lib/teams/schemas";
import { invalidValue, uniqueness } from "@/lib/scim/errors";
import type { Comparison } from "@/lib/scim/filter";
import { parsePatch } from "@/lib/scim/patch";
import { getScimTeamOrThrow, teamSelect, teamWhere, type ScimTeam } from "@/lib/scim/queries";
import { groupFromBody, patchGroup, type GroupState } from "@/lib/scim/group-input";
import { isMapped, loadMappings, syncRoles } from "@/lib/scim/roles";
import type { Page } from "@/lib/scim/users";

type Tx = Prisma.TransactionClient;

export async function listScimGroups({ actor, filter, page }: { actor: Actor; filter: Comparison[] | null; page: Page }) {
  requirePermission(actor, "scim.provision");
  const where = teamWhere(actor.orgId, filter);
  const [total, rows] = await Promise.all([
    db.team.count({ where }),
    page.count === 0
      ? []
      : db.team.findMany({ where, select: teamSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: page.startIndex - 1, take: page.count }),
  ]);
  return { total, rows };
}

export async function getScimGroup({ actor, teamId }: { actor: Actor; teamId: string }): Promise<ScimTeam> {
  requirePermission(actor, "scim.provision");
  return getScimTeamOrThrow(db, actor.orgId, teamId);
}

/** IdPs look groups up by displayName before creating one, so names are unique per org, case-insensitively. */
async function assertNameFree(tx: Tx, orgId: string, name: string, exceptTeamId?: string): Promise<void> {
  const clash = await tx.team.findFirst({
    where: { orgId, name: { equals: name, mode: "insensitive" }, ...(exceptTeamId ? { id: { not: exceptTeamId } } : {}) },
    select: { id: true },
  });
  if (clash) throw uniqueness("A group with this displayName already exists.");
}

export async function createScimGroup({ actor, body }: { actor: Actor; body: unknown }): Promise<ScimTeam> {
  requirePermission(actor, "scim.provision");
  const next = groupFromBody(body);
  const team = await db.$transaction(async (tx) => {
    await assertNameFree(tx, actor.orgId, next.displayName);
    const created = await tx.team.create({
      data: {
        orgId: actor.orgId,
        name: next.displayName,
        slug: await freeTeamSlug(tx, actor.orgId, slugify(next.displayName)),
        scimExternalId: next.externalId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "team.created",
      targetType: "team",
      targetId: created.id,
      metadata: { name: next.displayName, members: next.members.size, via: "scim" },
    });
    await writeMembers(tx, actor, { id: created.id, name: next.displayName, scimExternalId: next.externalId }, [], next);
    return getScimTeamOrThrow(tx, actor.orgId, created.id);
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return team;
}

export async function replaceScimGroup({ actor, teamId, body }: { actor: Actor; teamId: string; body: unknown }): Promise<ScimTeam> {
  requirePermission(actor, "scim.provision");
  const next = groupFromBody(body);
  return saveGroup(actor, teamId, () => next);
}

export async function patchScimGroup({ actor, teamId, body }: { actor: Actor; teamId: string; body: unknown }): Promise<ScimTeam> {
  requirePermission(actor, "scim.provision");
  const ops = parsePatch(body);
  return saveGroup(actor, teamId, (state) => patchGroup(state, ops));
}

async function saveGroup(actor: Actor, teamId: string, change: (state: GroupState) => GroupState): Promise<ScimTeam> {
  const { team, renamed } = await db.$transaction(async (tx) => {
    const current = await getScimTeamOrThrow(tx, actor.orgId, teamId);
    const next = change({ displayName: current.name, externalId: current.scimExternalId, members: new Set(current.members.map((m) => m.userId)) });
    const renamed = next.displayName !== current.name || next.externalId !== current.scimExternalId;
    if (renamed) {
      if (next.displayName.toLowerCase() !== current.name.toLowerCase()) await assertNameFree(tx, actor.orgId, next.displayName, teamId);
      await tx.team.update({ where: { id: teamId, orgId: actor.orgId }, data: { name: next.displayName, scimExternalId: next.externalId } });
      await recordAudit(tx, actor, {
        action: "team.updated",
        targetType: "team",
        targetId: teamId,
        before: { name: current.name, externalId: current.scimExternalId },
        after: { name: next.displayName, externalId: next.externalId },
        metadata: { via: "scim" },
      });
    }
    await writeMembers(tx, actor, current, current.members, next);
    return { team: await getScimTeamOrThrow(tx, actor.orgId, teamId), renamed };
  });
  if (renamed) await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return team;
}

/**
 * Applies the member-set difference, one audit event per person, then re-derives roles for whoever
 * a mapped group touched. A rename can move a group into or out of the mapping, so then everyone
 * in it before or after is re-derived.
 */
async function writeMembers(
  tx: Tx,
  actor: Actor,
  before: { id: string; name: string; scimExternalId: string | null },
  was: ScimTeam["members"],
  next: GroupState,
): Promise<void> {
  const had = new Set(was.map((m) => m.userId));
  const added = [...next.members].filter((id) => !had.has(id));
  const removed = was.filter((m) => !next.members.has(m.userId));
  const joiners = added.length
    ? await tx.membership.findMany({
        where: { orgId: actor.orgId, userId: { in: added }, scimDeletedAt: null },
        select: { userId: true, user: { select: { email: true } } },
      })
    : [];
  if (joiners.length !== added.length) throw invalidValue("Every member must be a user of this organisation (its SCIM id).");
  if (joiners.length) await tx.teamMember.createMany({ data: joiners.map((m) => ({ teamId: before.id, userId: m.userId })), skipDuplicates: true });
  if (removed.length) await tx.teamMember.deleteMany({ where: { teamId: before.id, userId: { in: removed.map((m) => m.userId) } } });
  for (const [action, people] of [
    ["team.member_added", joiners],
    ["team.member_removed", removed],
  ] as const) {
    for (const m of people)
      await recordAudit(tx, actor, { action, targetType: "team", targetId: before.id, metadata: { userId: m.userId, email: m.user.email, via: "scim" } });
  }
  const mappings = await loadMappings(tx, actor.orgId);
  const after = { name: next.displayName, scimExternalId: next.externalId };
  const wasMapped = isMapped(mappings, before);
  const nowMapped = isMapped(mappings, after);
  if (wasMapped !== nowMapped || before.name !== after.name || before.scimExternalId !== after.scimExternalId) {
    if (wasMapped || nowMapped) await syncRoles(tx, actor, mappings, [...had, ...next.members]);
  } else if (nowMapped) await syncRoles(tx, actor, mappings, [...added, ...removed.map((m) => m.userId)]);
}

/** Like the admin console's deleteTeam: the team's keys keep working as team-less keys. */
export async function deleteScimGroup({ actor, teamId }: { actor: Actor; teamId: string }): Promise<void> {
  requirePermission(actor, "scim.provision");
  const keyIds = await db.$transaction(async (tx) => {
    const team = await getScimTeamOrThrow(tx, actor.orgId, teamId);
    const keys = await tx.virtualKey.findMany({ where: { orgId: actor.orgId, teamId }, select: { id: true } });
    await tx.team.delete({ where: { id: teamId, orgId: actor.orgId } });
    await recordAudit(tx, actor, {
      action: "team.deleted",
      targetType: "team",
      targetId: teamId,
      metadata: { name: team.name, keys: keys.length, via: "scim" },
    });
    const mappings = await loadMappings(tx, actor.orgId);
    if (isMapped(mappings, team))
      await syncRoles(
        tx,
        actor,
        mappings,
        team.members.map((m) => m.userId),
      );
    return keys.map((k) => k.id);
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  // Cached keys carry their teamId; drop them so the deleted team's caps stop applying at once.
  await Promise.all(keyIds.map((keyId) => publishInvalidation({ kind: "key", keyId })));
}
