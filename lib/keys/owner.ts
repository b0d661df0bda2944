import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";

/** The API names owners by email; only active members of the actor's own org can own a key. */
export async function memberIdByEmail(actor: Actor, email: string, param: string): Promise<string> {
  const member = await db.membership.findFirst({
    where: { orgId: actor.orgId, active: true, user: { email: { equals: email, mode: "insensitive" } } },
    select: { userId: true },
  });
  if (!member) throw new InvalidRequestError("No active member of this organisation has that email.", param);
  return member.userId;
}
