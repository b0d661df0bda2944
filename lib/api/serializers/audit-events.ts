import { z } from "zod";
import type { listAuditEvents } from "@/lib/audit/list";
import { PageQuery, Timestamp } from "@/lib/api/serializers/common";

export const ListAuditEventsQuery = PageQuery.extend({
  action: z.string().min(1).max(100).optional().describe("Matches actions starting with this, e.g. `key.` or `key.revoked`."),
  actor_id: z.string().min(1).max(100).optional(),
  target_type: z.string().min(1).max(100).optional(),
  target_id: z.string().min(1).max(100).optional(),
});

export const AuditEventJson = z
  .object({
    id: z.string(),
    object: z.literal("audit_event"),
    action: z.string(),
    actor_type: z.string().describe("`user`, `token` or `system`."),
    actor_id: z.string().nullable().describe("A user id, a management token id, or `bootstrap`."),
    target_type: z.string().nullable(),
    target_id: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    created_at: Timestamp,
  })
  .meta({ title: "AuditEvent" });

type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];

export const toAuditEventJson = (e: AuditEventRow): z.input<typeof AuditEventJson> => ({
  id: e.id,
  object: "audit_event",
  action: e.action,
  actor_type: e.actorType,
  actor_id: e.actorId,
  target_type: e.targetType,
  target_id: e.targetId,
  metadata: e.metadata && typeof e.metadata === "object" && !Array.isArray(e.metadata) ? (e.metadata as Record<string, unknown>) : {},
  ip: e.ip,
  created_at: e.createdAt.toISOString(),
});
