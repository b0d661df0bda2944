// The management API's virtual keys: list, create, read, update, revoke, rotate, and child keys under a parent.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import { CreateKeyBody, KeyJson, KeyWithSecretJson, ListKeysQuery, RotateKeyBody, UpdateKeyBody } from "@/lib/api/serializers/keys";
import { ChildKeyJson, CreateChildKeyBody } from "@/lib/api/serializers/child-keys";

const KEYS = { tag: "Keys" } as const;

export const keyOperations = {
  listKeys: op({
    ...KEYS,
    id: "listKeys",
    method: "GET",
    path: "/v1/keys",
    permission: "keys.read.all",
    summary: "List keys",
    query: ListKeysQuery,
    response: listOf(KeyJson, "KeyList"),
  }),
  createKey: op({
    ...KEYS,
    id: "createKey",
    method: "POST",
    path: "/v1/keys",
    permission: "keys.write.all",
    summary: "Create a key",
    description: "Returns the raw secret in `key`, once.",
    body: CreateKeyBody,
    response: KeyWithSecretJson,
    status: 201,
    secrets: ["key"],
  }),
  getKey: op({
    ...KEYS,
    id: "getKey",
    method: "GET",
    path: "/v1/keys/{id}",
    permission: "keys.read.all",
    summary: "Retrieve a key with its spend and tokens this period",
    response: KeyJson,
  }),
  updateKey: op({
    ...KEYS,
    id: "updateKey",
    method: "PATCH",
    path: "/v1/keys/{id}",
    permission: "keys.write.all",
    summary: "Update a key",
    description: "Takes effect for the key's next request.",
    body: UpdateKeyBody,
    response: KeyJson,
  }),
  revokeKey: op({
    ...KEYS,
    id: "revokeKey",
    method: "DELETE",
    path: "/v1/keys/{id}",
    permission: "keys.write.all",
    summary: "Revoke a key",
    description: "Irreversible: later requests with the key get 403 `key_revoked`.",
    response: KeyJson,
  }),
  createChildKey: op({
    ...KEYS,
    id: "createChildKey",
    method: "POST",
    path: "/v1/keys/{id}/children",
    permission: "keys.write.all",
    summary: "Mint a child key for one run",
    description:
      "Only when the key's `max_child_keys` allows it. The child narrows the parent's policy, lives at most 60 minutes (configurable) and its budget is carved out of the parent's. A key can also mint its own children at `POST /v1/keys/self/children` with itself as the credential.",
    body: CreateChildKeyBody,
    response: ChildKeyJson,
    status: 201,
    secrets: ["key"],
  }),
  rotateKey: op({
    ...KEYS,
    id: "rotateKey",
    method: "POST",
    path: "/v1/keys/{id}/rotate",
    permission: "keys.write.all",
    summary: "Rotate a key's secret",
    description: "Same key, new secret; the old one works for `grace_period_seconds`.",
    body: RotateKeyBody,
    response: KeyWithSecretJson,
    secrets: ["key"],
  }),
};
