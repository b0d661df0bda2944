// Key requests over the management API: wire input → lib/key-requests verbs → wire output. No rules live here.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toGrantedValues, toKeyRequestJson } from "@/lib/api/serializers/key-requests";
import { KeyValues } from "@/lib/guardrails/schemas";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { denyKeyRequest } from "@/lib/key-requests/deny";
import { listKeyRequests } from "@/lib/key-requests/list";
import { getRequestOrThrow } from "@/lib/key-requests/queries";

export const keyRequestsApi = {
  list: managementRoute(ops.listKeyRequests, async ({ actor, query }) => {
    const rows = await listKeyRequests({ actor, status: query.status, take: query.limit + 1, after: query.after });
    return toList(rows, query.limit, toKeyRequestJson);
  }),

  approve: managementRoute(ops.approveKeyRequest, async ({ actor, params, body }) => {
    const request = await getRequestOrThrow(actor.orgId, params.id);
    const granted = toGrantedValues(body, KeyValues.parse(request.requestedPolicy));
    await approveKeyRequest({ actor, input: { requestId: request.id, granted } });
    return toKeyRequestJson(await getRequestOrThrow(actor.orgId, request.id));
  }),

  deny: managementRoute(ops.denyKeyRequest, async ({ actor, params, body }) => {
    await denyKeyRequest({ actor, input: { requestId: params.id, reason: body.reason } });
    return toKeyRequestJson(await getRequestOrThrow(actor.orgId, params.id));
  }),
};
