import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { assertMemberCapacity } from "@/lib/billing/plan-limits";
import { queueSeatSync } from "@/lib/billing/seats";
import { InvalidRequestError } from "@/lib/errors";
import { InviteMemberInput } from "@/lib/members/schemas";

/**
 * Adds a person by email before they ever sign in: their membership (and role) is waiting when
 * their first SSO sign-in arrives (lib/auth/provision.ts finds it). Only addresses at the org's
 * own domains: SSO routes everyone else to another org or nowhere, so such an invite could never
 * be taken up.
 */
export async function inviteMember({ actor, input }: { actor: Actor; input: InviteMemberInput }): Promise<{ userId: string }> {
  requirePermission(actor, "members.write");
  const { email, name, role } = InviteMemberInput.parse(input);
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { emailDomains: true } });
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!org.emailDomains.includes(domain)) {
    const domains = org.emailDomains.map((d) => `@${d}`).join(", ");
    throw new InvalidRequestError(
      domains ? `Only addresses at ${domains} can join through single sign-on.` : "This organisation has no email domain yet: ask the operator to add one.",
      "email",
      "domain_not_claimed",
    );
  }
  await assertMemberCapacity(actor.orgId);
  const userId = await db.$transaction(async (tx) => {
    const user = await tx.user.upsert({ where: { email }, update: {}, create: { email, name: name || null }, select: { id: true } });
    const existing = await tx.membership.findFirst({ where: { orgId: actor.orgId, userId: user.id }, select: { id: true } });
    if (existing) throw new InvalidRequestError(`${email} is already a member.`, "email", "already_exists", 409);
    await tx.membership.create({ data: { orgId: actor.orgId, userId: user.id, role } });
    await recordAudit(tx, actor, { action: "member.invited", targetType: "user", targetId: user.id, metadata: { email, role } });
    return user.id;
  });
  queueSeatSync(actor.orgId);
  return { userId };
}
