// Keys by recency of use: last-used time per key and keys idle for N days (candidates to revoke).
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

export async function inactiveKeys({ actor, days, now = new Date() }: { actor: Actor; days: number; now?: Date }) {
  requirePermission(actor, "keys.read.all");
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return db.virtualKey.findMany({
    where: { orgId: actor.orgId, status: "active", OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }] },
    select: { id: true, name: true, prefix: true, ownerUserId: true, teamId: true, lastUsedAt: true, createdAt: true },
    orderBy: [{ lastUsedAt: { sort: "asc", nulls: "first" } }],
  });
}
