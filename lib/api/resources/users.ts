// The management API's users of the organization: list and change role or status.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import { ListUsersQuery, UpdateUserBody, UserJson } from "@/lib/api/serializers/users";

const USERS = { tag: "Users", permission: "members.write" } as const;

export const userOperations = {
  listUsers: op({
    ...USERS,
    id: "listUsers",
    method: "GET",
    path: "/v1/users",
    summary: "List the org's members",
    query: ListUsersQuery,
    response: listOf(UserJson, "UserList"),
  }),
  updateUser: op({
    ...USERS,
    id: "updateUser",
    method: "PATCH",
    path: "/v1/users/{id}",
    summary: "Change a member's role, spend cap or active state",
    description:
      "`active: false` deactivates the member as deprovisioning does: their own keys are revoked or suspended per the org. An org always keeps one active admin.",
    body: UpdateUserBody,
    response: UserJson,
  }),
};
