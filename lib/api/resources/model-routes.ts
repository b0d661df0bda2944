// The management API's model routes: which provider credential serves a model name.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import { CreateModelRouteBody, ListModelRoutesQuery, ModelRouteJson, UpdateModelRouteBody } from "@/lib/api/serializers/model-routes";

const ROUTES = { tag: "Model routes", permission: "providers.write" } as const;

export const modelRouteOperations = {
  listModelRoutes: op({
    ...ROUTES,
    id: "listModelRoutes",
    method: "GET",
    path: "/v1/model-routes",
    summary: "List model routes",
    query: ListModelRoutesQuery,
    response: listOf(ModelRouteJson, "ModelRouteList"),
  }),
  createModelRoute: op({
    ...ROUTES,
    id: "createModelRoute",
    method: "POST",
    path: "/v1/model-routes",
    summary: "Route a model name to a provider",
    body: CreateModelRouteBody,
    response: ModelRouteJson,
    status: 201,
  }),
  getModelRoute: op({
    ...ROUTES,
    id: "getModelRoute",
    method: "GET",
    path: "/v1/model-routes/{id}",
    summary: "Retrieve a model route",
    response: ModelRouteJson,
  }),
  updateModelRoute: op({
    ...ROUTES,
    id: "updateModelRoute",
    method: "PATCH",
    path: "/v1/model-routes/{id}",
    summary: "Update a model route",
    body: UpdateModelRouteBody,
    response: ModelRouteJson,
  }),
  deleteModelRoute: op({
    ...ROUTES,
    id: "deleteModelRoute",
    method: "DELETE",
    path: "/v1/model-routes/{id}",
    summary: "Delete a model route",
    response: deletedOf("model_route", "DeletedModelRoute"),
  }),
};
