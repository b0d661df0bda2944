// The management API's attribution dimensions and the spend budgets on their values.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import {
  CreateDimensionBody,
  DimensionBudgetBody,
  DimensionBudgetJson,
  DimensionJson,
  ListDimensionsQuery,
  UpdateDimensionBody,
} from "@/lib/api/serializers/attribution-dimensions";

const DIMENSIONS = { tag: "Attribution dimensions", permission: "org.write" } as const;

export const attributionDimensionOperations = {
  listAttributionDimensions: op({
    ...DIMENSIONS,
    id: "listAttributionDimensions",
    method: "GET",
    path: "/v1/attribution-dimensions",
    permission: "keys.read.all",
    summary: "List attribution dimensions",
    query: ListDimensionsQuery,
    response: listOf(DimensionJson, "AttributionDimensionList"),
  }),
  createAttributionDimension: op({
    ...DIMENSIONS,
    id: "createAttributionDimension",
    method: "POST",
    path: "/v1/attribution-dimensions",
    summary: "Define an attribution dimension",
    description:
      "Keys carry values for it (`dimensions`), requests may tag it where their key lists it in `request_tags`, and usage groups, filters and budgets by it.",
    body: CreateDimensionBody,
    response: DimensionJson,
    status: 201,
  }),
  getAttributionDimension: op({
    ...DIMENSIONS,
    id: "getAttributionDimension",
    method: "GET",
    path: "/v1/attribution-dimensions/{id}",
    permission: "keys.read.all",
    summary: "Retrieve an attribution dimension",
    response: DimensionJson,
  }),
  updateAttributionDimension: op({
    ...DIMENSIONS,
    id: "updateAttributionDimension",
    method: "PATCH",
    path: "/v1/attribution-dimensions/{id}",
    summary: "Update an attribution dimension",
    description: "The name cannot change. A new requirement binds keys created or re-attributed from now on.",
    body: UpdateDimensionBody,
    response: DimensionJson,
  }),
  deleteAttributionDimension: op({
    ...DIMENSIONS,
    id: "deleteAttributionDimension",
    method: "DELETE",
    path: "/v1/attribution-dimensions/{id}",
    summary: "Delete an attribution dimension",
    description: "Also deletes the budgets on its values. Recorded usage keeps its attribution.",
    response: deletedOf("attribution_dimension", "DeletedAttributionDimension"),
  }),
  setDimensionBudget: op({
    ...DIMENSIONS,
    id: "setDimensionBudget",
    method: "POST",
    path: "/v1/attribution-dimensions/{id}/budgets",
    summary: "Set the spend budget of a dimension value",
    description:
      "Caps every request attributed to the value (e.g. `cost_center = R&D`, $10,000 monthly), in the same atomic reservation as key, team and org caps. `limit_usd: null` removes it.",
    body: DimensionBudgetBody,
    response: DimensionBudgetJson,
  }),
};
