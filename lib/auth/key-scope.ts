// The where-clause form of canAccess() for keys, so a list or lookup can never return a key the
// rule would refuse. permissions.matrix.test.ts checks the two agree for every role and relation.
import { can, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

export function keyAccessWhere(actor: Actor, access: "read" | "write"): Prisma.VirtualKeyWhereInput {
  const [own, all] = access === "read" ? (["keys.read.own", "keys.read.all"] as const) : (["keys.write.own", "keys.write.all"] as const);
  if (can(actor, all)) return { orgId: actor.orgId };
  if (actor.kind !== "user" || !can(actor, own)) return { orgId: actor.orgId, id: { in: [] } };
  return {
    orgId: actor.orgId,
    OR: [{ ownerUserId: actor.userId }, { team: { shareKeysWithMembers: true, members: { some: { userId: actor.userId } } } }],
  };
}
