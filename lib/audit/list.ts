// Browsing the audit log: filtered, newest first, cursor-paginated. There is no verb to edit or
// delete an event, and the database refuses both (see the append-only trigger migration).
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditFilter = {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
};

export async function listAuditEvents({ actor, filter = {} }: { actor: Actor; filter?: AuditFilter }) {
  requirePermission(actor, "audit.read");
  const limit = Math.min(filter.limit ?? 50, 500);
  const where: Prisma.AuditEventWhereInput = {
    orgId: actor.orgId,
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { events: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
