// SCIM Users: joiners, movers and leavers of one org. Each request is one transaction with its
// audit events (RFC 7644 makes PATCH atomic), and the actor is the IdP's SCIM token.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { assertMemberCapacity } from "@/lib/billing/plan-limits";
import { queueSeatSync } from "@/lib/billing/seats";
import type { Prisma } from "@/lib/generated/prisma/client";
import { invalidValue, ScimError, uniqueness } from "@/lib/scim/errors";
import type { Comparison } from "@/lib/scim/filter";
import { parsePatch } from "@/lib/scim/patch";
import { deactivateMember, reactivateMember } from "@/lib/scim/deprovision";
import { getScimMemberOrThrow, memberSelect, memberWhere, userNameTaken, type ScimMember } from "@/lib/scim/queries";
import { patchUser, resolveUser, stateOf, userFromBody, type ResolvedUser } from "@/lib/scim/user-input";

type Tx = Prisma.TransactionClient;
export type Page = { startIndex: number; count: number };

export async function listScimUsers({ actor, filter, page }: { actor: Actor; filter: Comparison[] | null; page: Page }) {
  requirePermission(actor, "scim.provision");
  const where = memberWhere(actor.orgId, filter);
  const [total, rows] = await Promise.all([
    db.membership.count({ where }),
    page.count === 0
      ? []
      : db.membership.findMany({
          where,
          select: memberSelect(actor.orgId),
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          skip: page.startIndex - 1,
          take: page.count,
        }),
  ]);
  return { total, rows };
}

export async function getScimUser({ actor, userId }: { actor: Actor; userId: string }): Promise<ScimMember> {
  requirePermission(actor, "scim.provision");
  return getScimMemberOrThrow(db, actor.orgId, userId);
}

/**
 * SCIM may only provision addresses in the org's own email domains, the rule SSO sign-in applies:
 * otherwise one org's IdP could create (or rename someone to) another company's addresses and
 * be waiting for those people when they first sign in.
 */
async function assertOwnDomain(tx: Tx, orgId: string, email: string): Promise<void> {
  const { emailDomains } = await tx.organization.findUniqueOrThrow({ where: { id: orgId }, select: { emailDomains: true } });
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!emailDomains.some((d) => d.toLowerCase() === domain)) throw invalidValue(`${domain} is not one of this organisation's email domains.`);
}

/** Joiner. Someone Latch already knows (another org's member, or deleted here earlier) keeps their user row. */
export async function createScimUser({ actor, body }: { actor: Actor; body: unknown }): Promise<ScimMember> {
  requirePermission(actor, "scim.provision");
  const next = resolveUser(userFromBody(body));
  // The plan's member limit and seat billing apply to SCIM joiners as to SSO ones.
  if (next.active) await assertMemberCapacity(actor.orgId);
  const created = await db.$transaction(async (tx) => {
    await assertOwnDomain(tx, actor.orgId, next.email);
    if (await userNameTaken(tx, actor.orgId, next.userName)) throw uniqueness("A user with this userName already exists.");
    // ON CONFLICT DO NOTHING, as SSO provisioning does, so a concurrent first sign-in cannot collide.
    await tx.user.createMany({ data: [{ email: next.email, name: next.name }], skipDuplicates: true });
    const user = await tx.user.findUniqueOrThrow({ where: { email: next.email }, select: { id: true, name: true } });
    if (!user.name && next.name) await tx.user.update({ where: { id: user.id }, data: { name: next.name } });
    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: actor.orgId, userId: user.id } }, select: { scimDeletedAt: true } });
    if (existing && !existing.scimDeletedAt) throw uniqueness("This person is already a member under another userName.");
    const fields = { active: next.active, scimUserName: next.userName, scimExternalId: next.externalId, scimDeletedAt: null };
    const member = await tx.membership.upsert({
      where: { orgId_userId: { orgId: actor.orgId, userId: user.id } },
      create: { orgId: actor.orgId, userId: user.id, role: "developer", ...fields },
      update: fields,
      select: memberSelect(actor.orgId),
    });
    await recordAudit(tx, actor, {
      action: "member.provisioned",
      targetType: "user",
      targetId: user.id,
      metadata: { email: next.email, role: member.role, active: next.active, via: "scim", ...(existing ? { restored: true } : {}) },
    });
    return member;
  });
  if (next.active) queueSeatSync(actor.orgId);
  return created;
}

/** PUT replaces the resource; attributes left out are cleared. */
export async function replaceScimUser({ actor, userId, body }: { actor: Actor; userId: string; body: unknown }): Promise<ScimMember> {
  requirePermission(actor, "scim.provision");
  const next = resolveUser(userFromBody(body));
  return saveUser(actor, userId, () => next);
}

export async function patchScimUser({ actor, userId, body }: { actor: Actor; userId: string; body: unknown }): Promise<ScimMember> {
  requirePermission(actor, "scim.provision");
  const ops = parsePatch(body);
  return saveUser(actor, userId, (member) => resolveUser(patchUser(stateOf(member), ops)));
}

/** Mover or leaver: profile changes, then access ends (or comes back) in the same transaction. */
async function saveUser(actor: Actor, userId: string, change: (member: ScimMember) => ResolvedUser): Promise<ScimMember> {
  const stopped: string[] = [];
  let seatsChanged = false;
  const saved = await db.$transaction(async (tx) => {
    const member = await getScimMemberOrThrow(tx, actor.orgId, userId);
    const next = change(member);
    const before = { userName: member.scimUserName ?? member.user.email, externalId: member.scimExternalId, email: member.user.email, name: member.user.name };
    const after = { userName: next.userName, externalId: next.externalId, email: next.email, name: next.name };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.includes("userName") && (await userNameTaken(tx, actor.orgId, next.userName, userId)))
      throw uniqueness("A user with this userName already exists.");
    if (changed.includes("email")) {
      await assertOwnDomain(tx, actor.orgId, next.email);
      // The email is the person's SSO identity everywhere: one org's IdP may not change it for another's member.
      if (await tx.membership.count({ where: { userId, orgId: { not: actor.orgId } } }))
        throw new ScimError(400, "This person also belongs to another organisation, so their email cannot be changed here.", "mutability");
    }
    if (changed.includes("email") || changed.includes("name")) await tx.user.update({ where: { id: userId }, data: { email: next.email, name: next.name } });
    if (changed.length) {
      await tx.membership.update({ where: { id: member.id }, data: { scimUserName: next.userName, scimExternalId: next.externalId } });
      const pick = (o: typeof after) => Object.fromEntries(changed.map((k) => [k, o[k]]));
      await recordAudit(tx, actor, {
        action: "member.updated",
        targetType: "user",
        targetId: userId,
        before: pick(before),
        after: pick(after),
        metadata: { via: "scim" },
      });
    }
    if (member.active && !next.active) stopped.push(...(await deactivateMember(tx, actor, member)));
    if (!member.active && next.active) {
      await assertMemberCapacity(actor.orgId);
      await reactivateMember(tx, actor, member);
    }
    seatsChanged = member.active !== next.active;
    return getScimMemberOrThrow(tx, actor.orgId, userId);
  });
  await Promise.all(stopped.map((keyId) => publishInvalidation({ kind: "key", keyId })));
  if (seatsChanged) queueSeatSync(actor.orgId);
  return saved;
}

/**
 * RFC 7644 DELETE: gone from /scim/v2. In Latch the membership stays, inactive and marked, so
 * SSO cannot provision the person again and the audit trail keeps a name; their teams are left.
 */
export async function deleteScimUser({ actor, userId }: { actor: Actor; userId: string }): Promise<void> {
  requirePermission(actor, "scim.provision");
  let wasActive = false;
  const stopped = await db.$transaction(async (tx) => {
    const member = await getScimMemberOrThrow(tx, actor.orgId, userId);
    wasActive = member.active;
    const keys = member.active ? await deactivateMember(tx, actor, member) : [];
    await tx.teamMember.deleteMany({ where: { userId, team: { orgId: actor.orgId } } });
    await tx.membership.update({ where: { id: member.id }, data: { scimDeletedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "member.deleted",
      targetType: "user",
      targetId: userId,
      metadata: { email: member.user.email, via: "scim", teams: member.user.teams.map((t) => t.team.id) },
    });
    return keys;
  });
  await Promise.all(stopped.map((keyId) => publishInvalidation({ kind: "key", keyId })));
  if (wasActive) queueSeatSync(actor.orgId);
}
