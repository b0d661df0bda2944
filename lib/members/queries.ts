import { rolesWith, type Role } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Roles that can manage members, from the one permission table: an org must always keep one. */
export const ADMIN_ROLES: readonly Role[] = rolesWith("members.write");

/** Refuses a change that would leave the org with no active member who can manage members. */
export async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, orgId: string, userId: string): Promise<void> {
  const others = await tx.membership.count({
    where: { orgId, role: { in: [...ADMIN_ROLES] }, active: true, userId: { not: userId }, user: { active: true } },
  });
  if (others === 0) throw new InvalidRequestError("The organisation needs at least one active admin.", "userId", "last_admin");
}
