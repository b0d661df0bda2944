// Read-only reports over the management API: usage (from the hourly rollups) and the audit log.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toAuditEventJson } from "@/lib/api/serializers/audit-events";
import { toChargebackJson, toTotalsJson, toUsageFilter } from "@/lib/api/serializers/usage";
import { chargebackReport } from "@/lib/usage/chargeback";
import { endUserBreakdown } from "@/lib/usage/end-users";
import { listAuditEvents } from "@/lib/audit/list";
import { periodWindow } from "@/lib/policy/periods";
import { isGroupBy, usageBreakdown, usageTotals } from "@/lib/usage/attribution";
import { orgTimeZone } from "@/lib/usage/queries-for-keys";

export const reportsApi = {
  usage: managementRoute(ops.getUsage, async ({ actor, query }) => {
    const now = Date.now();
    const from = query.start ? new Date(query.start) : new Date(periodWindow("monthly", await orgTimeZone(actor.orgId), now).start);
    const range = { from, to: query.end ? new Date(query.end) : new Date(now) };
    const filter = toUsageFilter(query);
    const [total, groups] = await Promise.all([
      usageTotals({ actor, range, filter }),
      query.group_by === "end_user"
        ? endUserBreakdown({ actor, range, limit: query.limit, filter })
        : query.group_by && isGroupBy(query.group_by)
          ? usageBreakdown({ actor, range, groupBy: query.group_by, limit: query.limit, filter })
          : [],
    ]);
    return {
      object: "usage" as const,
      start: range.from.toISOString(),
      end: range.to.toISOString(),
      group_by: query.group_by ?? null,
      total: toTotalsJson(total),
      data: groups.map((g) => ({ group: g.id, ...toTotalsJson(g) })),
    };
  }),

  chargeback: managementRoute(ops.getChargebackReport, async ({ actor, query }) => {
    const month =
      query.month ?? new Date(periodWindow("monthly", await orgTimeZone(actor.orgId), Date.now()).start + 15 * 86_400_000).toISOString().slice(0, 7);
    return toChargebackJson(await chargebackReport({ actor, month, dimension: query.dimension, top: query.top }));
  }),

  auditEvents: managementRoute(ops.listAuditEvents, async ({ actor, query }) => {
    const filter = {
      action: query.action,
      actorId: query.actor_id,
      targetType: query.target_type,
      targetId: query.target_id,
      limit: query.limit,
      cursor: query.after,
    };
    const { events, nextCursor } = await listAuditEvents({ actor, filter });
    return { object: "list" as const, data: events.map(toAuditEventJson), has_more: nextCursor !== null, next_cursor: nextCursor };
  }),
};
