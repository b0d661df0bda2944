import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toCreateRouteInput, toModelRouteJson, toUpdateRouteInput } from "@/lib/api/serializers/model-routes";
import { createRoute } from "@/lib/routes/create";
import { deleteRoute } from "@/lib/routes/delete";
import { getRoute, listRoutes } from "@/lib/routes/list";
import { updateRoute } from "@/lib/routes/update";

export const modelRoutesApi = {
  list: managementRoute(ops.listModelRoutes, async ({ actor, query }) => {
    const rows = await listRoutes({ actor, model: query.model, providerId: query.provider_id, take: query.limit + 1, after: query.after });
    return toList(rows, query.limit, toModelRouteJson);
  }),
  create: managementRoute(ops.createModelRoute, async ({ actor, body }) => toModelRouteJson(await createRoute({ actor, input: toCreateRouteInput(body) }))),
  get: managementRoute(ops.getModelRoute, async ({ actor, params }) => toModelRouteJson(await getRoute({ actor, routeId: params.id }))),
  update: managementRoute(ops.updateModelRoute, async ({ actor, params, body }) =>
    toModelRouteJson(await updateRoute({ actor, input: toUpdateRouteInput(params.id, body) })),
  ),
  delete: managementRoute(ops.deleteModelRoute, async ({ actor, params }) => {
    await deleteRoute({ actor, routeId: params.id });
    return { id: params.id, object: "model_route" as const, deleted: true as const };
  }),
};
