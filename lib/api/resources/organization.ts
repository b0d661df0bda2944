// The management API's organisation: its settings, caps and degrade rules.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { OrganizationJson, UpdateOrganizationBody } from "@/lib/api/serializers/organization";

const ORG = { tag: "Organization", permission: "org.write" } as const;

export const organizationOperations = {
  getOrganization: op({
    ...ORG,
    id: "getOrganization",
    method: "GET",
    path: "/v1/organization",
    summary: "Retrieve the organisation's settings",
    response: OrganizationJson,
  }),
  updateOrganization: op({
    ...ORG,
    id: "updateOrganization",
    method: "PATCH",
    path: "/v1/organization",
    summary: "Change the organisation's settings, spend cap or degrade rules",
    description: "Only the fields given change. The gateway applies them to its next request.",
    body: UpdateOrganizationBody,
    response: OrganizationJson,
  }),
};
