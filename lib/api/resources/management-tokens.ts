// The management API's management tokens: the bearer tokens this API is called with.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import {
  CreateManagementTokenBody,
  ListManagementTokensQuery,
  ManagementTokenJson,
  ManagementTokenWithSecretJson,
} from "@/lib/api/serializers/management-tokens";

const TOKENS = { tag: "Management tokens", permission: "tokens.write" } as const;

export const managementTokenOperations = {
  listManagementTokens: op({
    ...TOKENS,
    id: "listManagementTokens",
    method: "GET",
    path: "/v1/management-tokens",
    summary: "List management tokens",
    query: ListManagementTokensQuery,
    response: listOf(ManagementTokenJson, "ManagementTokenList"),
  }),
  createManagementToken: op({
    ...TOKENS,
    id: "createManagementToken",
    method: "POST",
    path: "/v1/management-tokens",
    summary: "Create a management token",
    description: "Returns the raw token in `token`, once.",
    body: CreateManagementTokenBody,
    response: ManagementTokenWithSecretJson,
    status: 201,
    secrets: ["token"],
  }),
  getManagementToken: op({
    ...TOKENS,
    id: "getManagementToken",
    method: "GET",
    path: "/v1/management-tokens/{id}",
    summary: "Retrieve a management token",
    response: ManagementTokenJson,
  }),
  revokeManagementToken: op({
    ...TOKENS,
    id: "revokeManagementToken",
    method: "DELETE",
    path: "/v1/management-tokens/{id}",
    summary: "Revoke a management token",
    response: ManagementTokenJson,
  }),
};
