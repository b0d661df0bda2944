import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getRouteOrThrow } from "@/lib/routes/list";
import { ROUTE_PUBLIC_FIELDS, UpdateRouteInput, type RouteRecord } from "@/lib/routes/schemas";

/** The public name and credential identify a route; to move one, create the new route and delete this. */
export async function updateRoute({ actor, input }: { actor: Actor; input: UpdateRouteInput }): Promise<RouteRecord> {
  requirePermission(actor, "providers.write");
  const { routeId, ...fields } = UpdateRouteInput.parse(input);
  const current = await getRouteOrThrow(actor, routeId);
  const route = await db.$transaction(async (tx) => {
    const updated = await tx.modelRoute.update({ where: { id: current.id, orgId: actor.orgId }, data: fields, select: ROUTE_PUBLIC_FIELDS });
    await recordAudit(tx, actor, {
      action: "model_route.updated",
      targetType: "model_route",
      targetId: current.id,
      metadata: { fields: Object.keys(fields).filter((name) => fields[name as keyof typeof fields] !== undefined) },
    });
    return updated;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return route;
}
