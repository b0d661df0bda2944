// The management API's read-only reports: usage, chargeback and the audit log.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import { ChargebackJson, ChargebackQuery, UsageJson, UsageQuery } from "@/lib/api/serializers/usage";
import { AuditEventJson, ListAuditEventsQuery } from "@/lib/api/serializers/audit-events";

const REPORTS = { tag: "Reports" } as const;

export const reportOperations = {
  getUsage: op({
    ...REPORTS,
    id: "getUsage",
    method: "GET",
    path: "/v1/usage",
    permission: "usage.read.all",
    summary: "Usage totals, optionally broken down",
    query: UsageQuery,
    response: UsageJson,
  }),
  getChargebackReport: op({
    ...REPORTS,
    id: "getChargebackReport",
    method: "GET",
    path: "/v1/reports/chargeback",
    permission: "usage.read.all",
    summary: "Monthly chargeback by cost center",
    description:
      "One line per value of an attribution dimension (`cost_center` unless `dimension` says otherwise): spend, tokens, requests, top keys and models, and the value's budget. Lines sum to the month's usage.",
    query: ChargebackQuery,
    response: ChargebackJson,
  }),
  listAuditEvents: op({
    ...REPORTS,
    id: "listAuditEvents",
    method: "GET",
    path: "/v1/audit-events",
    permission: "audit.read",
    summary: "List audit events, newest first",
    query: ListAuditEventsQuery,
    response: listOf(AuditEventJson, "AuditEventList"),
  }),
};
