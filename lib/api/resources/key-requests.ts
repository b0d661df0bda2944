// The management API's key requests: the approval queue for new keys and key changes.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import { ApproveKeyRequestBody, DenyKeyRequestBody, KeyRequestJson, ListKeyRequestsQuery } from "@/lib/api/serializers/key-requests";

const REQUESTS = { tag: "Key requests", permission: "approvals.decide" } as const;

export const keyRequestOperations = {
  listKeyRequests: op({
    ...REQUESTS,
    id: "listKeyRequests",
    method: "GET",
    path: "/v1/key-requests",
    summary: "List key requests, newest first",
    query: ListKeyRequestsQuery,
    response: listOf(KeyRequestJson, "KeyRequestList"),
  }),
  approveKeyRequest: op({
    ...REQUESTS,
    id: "approveKeyRequest",
    method: "POST",
    path: "/v1/key-requests/{id}/approve",
    summary: "Approve a key request",
    description:
      "Grants what was asked, or less: each field given replaces the ask and may only lower it. A `create` request mints the key for the requester, who reveals its secret once in the portal. An `update` request's change is applied in the same transaction as the decision: if the key refuses it (revoked since, or a child key whose budget comes from its parent), nothing is recorded and the request stays pending.",
    body: ApproveKeyRequestBody,
    response: KeyRequestJson,
  }),
  denyKeyRequest: op({
    ...REQUESTS,
    id: "denyKeyRequest",
    method: "POST",
    path: "/v1/key-requests/{id}/deny",
    summary: "Deny a key request",
    description: "The reason is shown to the requester.",
    body: DenyKeyRequestBody,
    response: KeyRequestJson,
  }),
};
