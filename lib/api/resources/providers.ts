// The management API's provider credentials (called providers on the wire): CRUD and a live test call.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import { CreateProviderBody, ListProvidersQuery, ProviderJson, ProviderTestJson, UpdateProviderBody } from "@/lib/api/serializers/providers";

const PROVIDERS = { tag: "Providers", permission: "providers.write" } as const;

export const providerOperations = {
  listProviders: op({
    ...PROVIDERS,
    id: "listProviders",
    method: "GET",
    path: "/v1/providers",
    summary: "List providers",
    query: ListProvidersQuery,
    response: listOf(ProviderJson, "ProviderList"),
  }),
  createProvider: op({
    ...PROVIDERS,
    id: "createProvider",
    method: "POST",
    path: "/v1/providers",
    summary: "Add a provider credential",
    description: "The API key is stored encrypted and never returned. `models` creates their routes in the same call.",
    body: CreateProviderBody,
    response: ProviderJson,
    status: 201,
  }),
  getProvider: op({ ...PROVIDERS, id: "getProvider", method: "GET", path: "/v1/providers/{id}", summary: "Retrieve a provider", response: ProviderJson }),
  updateProvider: op({
    ...PROVIDERS,
    id: "updateProvider",
    method: "PATCH",
    path: "/v1/providers/{id}",
    summary: "Update a provider",
    body: UpdateProviderBody,
    response: ProviderJson,
  }),
  deleteProvider: op({
    ...PROVIDERS,
    id: "deleteProvider",
    method: "DELETE",
    path: "/v1/providers/{id}",
    summary: "Delete a provider",
    description: "Also deletes the routes pointing at it.",
    response: deletedOf("provider", "DeletedProvider"),
  }),
  testProvider: op({
    ...PROVIDERS,
    id: "testProvider",
    method: "POST",
    path: "/v1/providers/{id}/test",
    summary: "Test a provider's connection",
    description: "Lists the provider's models with the stored credential.",
    response: ProviderTestJson,
  }),
};
