import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { ROUTE_PUBLIC_FIELDS } from "@/lib/routes/schemas";

export async function getRouteOrThrow(actor: Actor, routeId: string) {
  const route = await db.modelRoute.findFirst({ where: { id: routeId, orgId: actor.orgId }, select: ROUTE_PUBLIC_FIELDS });
  if (!route) throw new NotFoundError("model_route_not_found", "No such model route.", "id");
  return route;
}

export async function getRoute({ actor, routeId }: { actor: Actor; routeId: string }) {
  requirePermission(actor, "providers.write");
  return getRouteOrThrow(actor, routeId);
}

export async function listRoutes({
  actor,
  model,
  providerId,
  take,
  after,
}: {
  actor: Actor;
  model?: string;
  providerId?: string;
  take?: number;
  after?: string;
}) {
  requirePermission(actor, "providers.write");
  return db.modelRoute.findMany({
    where: { orgId: actor.orgId, ...(model ? { publicName: model } : {}), ...(providerId ? { credentialId: providerId } : {}) },
    select: ROUTE_PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(take ? { take } : {}),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}
