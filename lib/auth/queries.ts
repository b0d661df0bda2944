// Persistence for sign-in, provisioning and the per-request membership check.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import type { Role } from "@/lib/auth/permissions";

export function findUserWithMemberships(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { id: true, active: true, memberships: { select: { id: true, orgId: true, active: true, role: true } } },
  });
}

/** Oldest org first, so a domain claimed twice resolves the same way every time. */
export function findOrgByEmailDomain(domain: string) {
  return db.organization.findFirst({
    where: { emailDomains: { has: domain } },
    orderBy: { createdAt: "asc" },
    select: { id: true, groupRoleMappings: true },
  });
}

/** The IdP said otherwise at sign-in: the role follows it, and the change is on the record. */
export async function syncMemberRole(input: { membershipId: string; orgId: string; userId: string; from: Role; to: Role; via: string }) {
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: input.membershipId }, data: { role: input.to } });
    await recordAudit(
      tx,
      { kind: "system", orgId: input.orgId },
      {
        action: "member.role_changed",
        targetType: "user",
        targetId: input.userId,
        before: { role: input.from },
        after: { role: input.to },
        metadata: { via: input.via },
      },
    );
  });
}

/**
 * ON CONFLICT DO NOTHING (createMany + skipDuplicates) rather than upsert: Prisma's upsert may run
 * as select-then-insert, and two concurrent first sign-ins of one person would then collide.
 */
export async function createMember(input: { orgId: string; email: string; name: string | null; role: Role }) {
  return db.$transaction(async (tx) => {
    await tx.user.createMany({ data: [{ email: input.email, name: input.name }], skipDuplicates: true });
    const user = await tx.user.findUniqueOrThrow({ where: { email: input.email }, select: { id: true } });
    const { count } = await tx.membership.createMany({
      data: [{ orgId: input.orgId, userId: user.id, role: input.role }],
      skipDuplicates: true,
    });
    if (count > 0) {
      await recordAudit(
        tx,
        { kind: "system", orgId: input.orgId },
        {
          action: "member.provisioned",
          targetType: "user",
          targetId: user.id,
          metadata: { email: input.email, role: input.role, via: "sso" },
        },
      );
    }
    return user.id;
  });
}

/** The user's first active membership (oldest), with what the portal header shows. */
export function findActiveMembership(userId: string) {
  return db.membership.findFirst({
    where: { userId, active: true, user: { active: true } },
    orderBy: { createdAt: "asc" },
    select: {
      role: true,
      org: { select: { id: true, name: true, slug: true } },
      user: { select: { id: true, email: true, name: true } },
    },
  });
}

export function listDevSignInUsers() {
  return db.user.findMany({
    where: { active: true, memberships: { some: { active: true } } },
    orderBy: { email: "asc" },
    take: 50,
    select: { id: true, email: true, name: true, memberships: { where: { active: true }, select: { role: true, org: { select: { name: true } } }, take: 1 } },
  });
}

export function findDevSignInUser(email: string) {
  return db.user.findFirst({
    where: { email, active: true, memberships: { some: { active: true } } },
    select: { id: true, email: true, name: true },
  });
}
