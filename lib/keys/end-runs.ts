// What ending a key means for delegation: its live child keys end with it, and the budget each
// ended child had carved out of its parent is given back.
import { db } from "@/lib/db";
import { releaseCarve } from "@/lib/policy/carve";
import { toBudgetRule } from "@/lib/policy/budget-rules";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Revokes a key's live children in the caller's transaction; returns their ids. */
export async function revokeChildren(tx: Prisma.TransactionClient, orgId: string, parentKeyId: string): Promise<string[]> {
  const children = await tx.virtualKey.findMany({ where: { orgId, parentKeyId, status: "active" }, select: { id: true } });
  if (children.length) await tx.virtualKey.updateMany({ where: { id: { in: children.map((c) => c.id) } }, data: { status: "revoked", revokedAt: new Date() } });
  return children.map((c) => c.id);
}

/** Gives back what these keys (those that are children) had carved and not spent. */
export async function releaseCarves(orgId: string, keyIds: string[]): Promise<void> {
  if (!keyIds.length) return;
  const children = await db.virtualKey.findMany({
    where: { orgId, id: { in: keyIds }, parentKeyId: { not: null } },
    select: { id: true, createdAt: true, parentKeyId: true, parent: { select: { budgets: true } }, org: { select: { timeZone: true } } },
  });
  await Promise.all(
    children.map((c) => {
      const rules = c.parent?.budgets.map(toBudgetRule) ?? [];
      return releaseCarve({ orgId, timeZone: c.org.timeZone, parentKeyId: c.parentKeyId!, rules, carvedAt: c.createdAt.getTime() }, c.id).catch(() => {});
    }),
  );
}
