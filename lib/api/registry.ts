// Every management API operation, once. Route files bind handlers to these entries; the OpenAPI
// document and the docs page are generated from this list; a test checks both against app/.
import { defineOperation as op, type Operation } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import { CreateKeyBody, KeyJson, KeyWithSecretJson, ListKeysQuery, RotateKeyBody, UpdateKeyBody } from "@/lib/api/serializers/keys";
import { CreateProviderBody, ListProvidersQuery, ProviderJson, ProviderTestJson, UpdateProviderBody } from "@/lib/api/serializers/providers";
import { CreateModelRouteBody, ListModelRoutesQuery, ModelRouteJson, UpdateModelRouteBody } from "@/lib/api/serializers/model-routes";
import { CreatePriceBody, ListPricesQuery, PriceCatalogJson, PriceJson, UpdatePriceBody } from "@/lib/api/serializers/prices";
import {
  CreateManagementTokenBody,
  ListManagementTokensQuery,
  ManagementTokenJson,
  ManagementTokenWithSecretJson,
} from "@/lib/api/serializers/management-tokens";
import { ChargebackJson, ChargebackQuery, UsageJson, UsageQuery } from "@/lib/api/serializers/usage";
import { ChildKeyJson, CreateChildKeyBody } from "@/lib/api/serializers/child-keys";
import { AuditEventJson, ListAuditEventsQuery } from "@/lib/api/serializers/audit-events";
import { AddTeamMemberBody, CreateTeamBody, ListTeamsQuery, TeamJson, UpdateTeamBody } from "@/lib/api/serializers/teams";
import { ListUsersQuery, UpdateUserBody, UserJson } from "@/lib/api/serializers/users";
import { CreateDimensionBody, DimensionBudgetBody, DimensionBudgetJson, DimensionJson, ListDimensionsQuery, UpdateDimensionBody } from "@/lib/api/serializers/attribution-dimensions";
import { ApproveKeyRequestBody, DenyKeyRequestBody, KeyRequestJson, ListKeyRequestsQuery } from "@/lib/api/serializers/key-requests";
import { mcpOperations } from "@/lib/mcp/api/operations";

const KEYS = { tag: "Keys" } as const;
const PROVIDERS = { tag: "Providers", permission: "providers.write" } as const;
const ROUTES = { tag: "Model routes", permission: "providers.write" } as const;
const PRICES = { tag: "Prices", permission: "providers.write" } as const;
const TOKENS = { tag: "Management tokens", permission: "tokens.write" } as const;
const REPORTS = { tag: "Reports" } as const;
const TEAMS = { tag: "Teams", permission: "teams.write" } as const;
const USERS = { tag: "Users", permission: "members.write" } as const;
const REQUESTS = { tag: "Key requests", permission: "approvals.decide" } as const;
const DIMENSIONS = { tag: "Attribution dimensions", permission: "org.write" } as const;

export const operations = {
  listKeys: op({ ...KEYS, id: "listKeys", method: "GET", path: "/v1/keys", permission: "keys.read.all", summary: "List keys", query: ListKeysQuery, response: listOf(KeyJson, "KeyList") }),
  createKey: op({
    ...KEYS, id: "createKey", method: "POST", path: "/v1/keys", permission: "keys.write.all", summary: "Create a key",
    description: "Returns the raw secret in `key`, once.", body: CreateKeyBody, response: KeyWithSecretJson, status: 201, secrets: ["key"],
  }),
  getKey: op({ ...KEYS, id: "getKey", method: "GET", path: "/v1/keys/{id}", permission: "keys.read.all", summary: "Retrieve a key with its spend and tokens this period", response: KeyJson }),
  updateKey: op({
    ...KEYS, id: "updateKey", method: "PATCH", path: "/v1/keys/{id}", permission: "keys.write.all", summary: "Update a key",
    description: "Takes effect for the key's next request.", body: UpdateKeyBody, response: KeyJson,
  }),
  revokeKey: op({
    ...KEYS, id: "revokeKey", method: "DELETE", path: "/v1/keys/{id}", permission: "keys.write.all", summary: "Revoke a key",
    description: "Irreversible: later requests with the key get 403 `key_revoked`.", response: KeyJson,
  }),
  createChildKey: op({
    ...KEYS, id: "createChildKey", method: "POST", path: "/v1/keys/{id}/children", permission: "keys.write.all", summary: "Mint a child key for one run",
    description: "Only when the key's `max_child_keys` allows it. The child narrows the parent's policy, lives at most 60 minutes (configurable) and its budget is carved out of the parent's. A key can also mint its own children at `POST /v1/keys/self/children` with itself as the credential.",
    body: CreateChildKeyBody, response: ChildKeyJson, status: 201, secrets: ["key"],
  }),
  rotateKey: op({
    ...KEYS, id: "rotateKey", method: "POST", path: "/v1/keys/{id}/rotate", permission: "keys.write.all", summary: "Rotate a key's secret",
    description: "Same key, new secret; the old one works for `grace_period_seconds`.", body: RotateKeyBody, response: KeyWithSecretJson, secrets: ["key"],
  }),

  listProviders: op({ ...PROVIDERS, id: "listProviders", method: "GET", path: "/v1/providers", summary: "List providers", query: ListProvidersQuery, response: listOf(ProviderJson, "ProviderList") }),
  createProvider: op({
    ...PROVIDERS, id: "createProvider", method: "POST", path: "/v1/providers", summary: "Add a provider credential",
    description: "The API key is stored encrypted and never returned. `models` creates their routes in the same call.", body: CreateProviderBody, response: ProviderJson, status: 201,
  }),
  getProvider: op({ ...PROVIDERS, id: "getProvider", method: "GET", path: "/v1/providers/{id}", summary: "Retrieve a provider", response: ProviderJson }),
  updateProvider: op({ ...PROVIDERS, id: "updateProvider", method: "PATCH", path: "/v1/providers/{id}", summary: "Update a provider", body: UpdateProviderBody, response: ProviderJson }),
  deleteProvider: op({
    ...PROVIDERS, id: "deleteProvider", method: "DELETE", path: "/v1/providers/{id}", summary: "Delete a provider",
    description: "Also deletes the routes pointing at it.", response: deletedOf("provider", "DeletedProvider"),
  }),
  testProvider: op({
    ...PROVIDERS, id: "testProvider", method: "POST", path: "/v1/providers/{id}/test", summary: "Test a provider's connection",
    description: "Lists the provider's models with the stored credential.", response: ProviderTestJson,
  }),

  listModelRoutes: op({ ...ROUTES, id: "listModelRoutes", method: "GET", path: "/v1/model-routes", summary: "List model routes", query: ListModelRoutesQuery, response: listOf(ModelRouteJson, "ModelRouteList") }),
  createModelRoute: op({ ...ROUTES, id: "createModelRoute", method: "POST", path: "/v1/model-routes", summary: "Route a model name to a provider", body: CreateModelRouteBody, response: ModelRouteJson, status: 201 }),
  getModelRoute: op({ ...ROUTES, id: "getModelRoute", method: "GET", path: "/v1/model-routes/{id}", summary: "Retrieve a model route", response: ModelRouteJson }),
  updateModelRoute: op({ ...ROUTES, id: "updateModelRoute", method: "PATCH", path: "/v1/model-routes/{id}", summary: "Update a model route", body: UpdateModelRouteBody, response: ModelRouteJson }),
  deleteModelRoute: op({ ...ROUTES, id: "deleteModelRoute", method: "DELETE", path: "/v1/model-routes/{id}", summary: "Delete a model route", response: deletedOf("model_route", "DeletedModelRoute") }),

  listPrices: op({ ...PRICES, id: "listPrices", method: "GET", path: "/v1/prices", summary: "List the org's prices", description: "The org's own prices, which override the built-in catalog.", query: ListPricesQuery, response: listOf(PriceJson, "PriceList") }),
  createPrice: op({ ...PRICES, id: "createPrice", method: "POST", path: "/v1/prices", summary: "Set a model's price", body: CreatePriceBody, response: PriceJson, status: 201 }),
  getPriceCatalog: op({ ...PRICES, id: "getPriceCatalog", method: "GET", path: "/v1/prices/catalog", summary: "Prices in effect", description: "The shipped catalog's version and as-of date, every routed model and org price with all its class rates, long-context tiers and service tiers, and the routed models without a price.", response: PriceCatalogJson }),
  getPrice: op({ ...PRICES, id: "getPrice", method: "GET", path: "/v1/prices/{id}", summary: "Retrieve a price", response: PriceJson }),
  updatePrice: op({ ...PRICES, id: "updatePrice", method: "PATCH", path: "/v1/prices/{id}", summary: "Update a price", body: UpdatePriceBody, response: PriceJson }),
  deletePrice: op({ ...PRICES, id: "deletePrice", method: "DELETE", path: "/v1/prices/{id}", summary: "Delete a price (back to the catalog)", response: deletedOf("price", "DeletedPrice") }),

  listManagementTokens: op({ ...TOKENS, id: "listManagementTokens", method: "GET", path: "/v1/management-tokens", summary: "List management tokens", query: ListManagementTokensQuery, response: listOf(ManagementTokenJson, "ManagementTokenList") }),
  createManagementToken: op({
    ...TOKENS, id: "createManagementToken", method: "POST", path: "/v1/management-tokens", summary: "Create a management token",
    description: "Returns the raw token in `token`, once.", body: CreateManagementTokenBody, response: ManagementTokenWithSecretJson, status: 201, secrets: ["token"],
  }),
  getManagementToken: op({ ...TOKENS, id: "getManagementToken", method: "GET", path: "/v1/management-tokens/{id}", summary: "Retrieve a management token", response: ManagementTokenJson }),
  revokeManagementToken: op({ ...TOKENS, id: "revokeManagementToken", method: "DELETE", path: "/v1/management-tokens/{id}", summary: "Revoke a management token", response: ManagementTokenJson }),

  getUsage: op({
    ...REPORTS, id: "getUsage", method: "GET", path: "/v1/usage", permission: "usage.read.all", summary: "Usage totals, optionally broken down",
    query: UsageQuery, response: UsageJson,
  }),
  getChargebackReport: op({
    ...REPORTS, id: "getChargebackReport", method: "GET", path: "/v1/reports/chargeback", permission: "usage.read.all", summary: "Monthly chargeback by cost center",
    description: "One line per value of an attribution dimension (`cost_center` unless `dimension` says otherwise): spend, tokens, requests, top keys and models, and the value's budget. Lines sum to the month's usage.",
    query: ChargebackQuery, response: ChargebackJson,
  }),
  listAuditEvents: op({
    ...REPORTS, id: "listAuditEvents", method: "GET", path: "/v1/audit-events", permission: "audit.read", summary: "List audit events, newest first",
    query: ListAuditEventsQuery, response: listOf(AuditEventJson, "AuditEventList"),
  }),

  listTeams: op({ ...TEAMS, id: "listTeams", method: "GET", path: "/v1/teams", summary: "List teams", query: ListTeamsQuery, response: listOf(TeamJson, "TeamList") }),
  createTeam: op({
    ...TEAMS, id: "createTeam", method: "POST", path: "/v1/teams", summary: "Create a team",
    description: "Optionally with a spend cap over all of the team's keys.", body: CreateTeamBody, response: TeamJson, status: 201,
  }),
  getTeam: op({ ...TEAMS, id: "getTeam", method: "GET", path: "/v1/teams/{id}", summary: "Retrieve a team with its members", response: TeamJson }),
  updateTeam: op({
    ...TEAMS, id: "updateTeam", method: "PATCH", path: "/v1/teams/{id}", summary: "Rename a team or change its spend cap",
    description: "The cap applies to the gateway's next request.", body: UpdateTeamBody, response: TeamJson,
  }),
  addTeamMember: op({
    ...TEAMS, id: "addTeamMember", method: "POST", path: "/v1/teams/{id}/members", summary: "Add a member to a team",
    description: "Idempotent: adding someone already in the team changes nothing.", body: AddTeamMemberBody, response: TeamJson,
  }),
  removeTeamMember: op({
    ...TEAMS, id: "removeTeamMember", method: "DELETE", path: "/v1/teams/{id}/members/{user_id}", summary: "Remove a member from a team",
    description: "The team's keys keep working; they belong to the team, not the person.", response: TeamJson,
  }),

  listUsers: op({ ...USERS, id: "listUsers", method: "GET", path: "/v1/users", summary: "List the org's members", query: ListUsersQuery, response: listOf(UserJson, "UserList") }),
  updateUser: op({
    ...USERS, id: "updateUser", method: "PATCH", path: "/v1/users/{id}", summary: "Change a member's role, spend cap or active state",
    description: "`active: false` deactivates the member as deprovisioning does: their own keys are revoked or suspended per the org. An org always keeps one active admin.",
    body: UpdateUserBody, response: UserJson,
  }),

  listKeyRequests: op({
    ...REQUESTS, id: "listKeyRequests", method: "GET", path: "/v1/key-requests", summary: "List key requests, newest first",
    query: ListKeyRequestsQuery, response: listOf(KeyRequestJson, "KeyRequestList"),
  }),
  approveKeyRequest: op({
    ...REQUESTS, id: "approveKeyRequest", method: "POST", path: "/v1/key-requests/{id}/approve", summary: "Approve a key request",
    description: "Grants what was asked, or less: each field given replaces the ask and may only lower it. A `create` request mints the key for the requester, who reveals its secret once in the portal.",
    body: ApproveKeyRequestBody, response: KeyRequestJson,
  }),
  denyKeyRequest: op({
    ...REQUESTS, id: "denyKeyRequest", method: "POST", path: "/v1/key-requests/{id}/deny", summary: "Deny a key request",
    description: "The reason is shown to the requester.", body: DenyKeyRequestBody, response: KeyRequestJson,
  }),

  ...mcpOperations,
  listAttributionDimensions: op({
    ...DIMENSIONS, id: "listAttributionDimensions", method: "GET", path: "/v1/attribution-dimensions", permission: "keys.read.all", summary: "List attribution dimensions",
    query: ListDimensionsQuery, response: listOf(DimensionJson, "AttributionDimensionList"),
  }),
  createAttributionDimension: op({
    ...DIMENSIONS, id: "createAttributionDimension", method: "POST", path: "/v1/attribution-dimensions", summary: "Define an attribution dimension",
    description: "Keys carry values for it (`dimensions`), requests may tag it where their key lists it in `request_tags`, and usage groups, filters and budgets by it.",
    body: CreateDimensionBody, response: DimensionJson, status: 201,
  }),
  getAttributionDimension: op({ ...DIMENSIONS, id: "getAttributionDimension", method: "GET", path: "/v1/attribution-dimensions/{id}", permission: "keys.read.all", summary: "Retrieve an attribution dimension", response: DimensionJson }),
  updateAttributionDimension: op({
    ...DIMENSIONS, id: "updateAttributionDimension", method: "PATCH", path: "/v1/attribution-dimensions/{id}", summary: "Update an attribution dimension",
    description: "The name cannot change. A new requirement binds keys created or re-attributed from now on.", body: UpdateDimensionBody, response: DimensionJson,
  }),
  deleteAttributionDimension: op({
    ...DIMENSIONS, id: "deleteAttributionDimension", method: "DELETE", path: "/v1/attribution-dimensions/{id}", summary: "Delete an attribution dimension",
    description: "Also deletes the budgets on its values. Recorded usage keeps its attribution.", response: deletedOf("attribution_dimension", "DeletedAttributionDimension"),
  }),
  setDimensionBudget: op({
    ...DIMENSIONS, id: "setDimensionBudget", method: "POST", path: "/v1/attribution-dimensions/{id}/budgets", summary: "Set the spend budget of a dimension value",
    description: "Caps every request attributed to the value (e.g. `cost_center = R&D`, $10,000 monthly), in the same atomic reservation as key, team and org caps. `limit_usd: null` removes it.",
    body: DimensionBudgetBody, response: DimensionBudgetJson,
  }),
};

export const OPERATIONS: readonly Operation[] = Object.values(operations);
