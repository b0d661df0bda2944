import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toCreateManagementTokenInput, toManagementTokenJson } from "@/lib/api/serializers/management-tokens";
import { createManagementToken } from "@/lib/management-tokens/create";
import { getManagementTokenOrThrow, listManagementTokens } from "@/lib/management-tokens/list";
import { revokeManagementToken } from "@/lib/management-tokens/revoke";

export const managementTokensApi = {
  list: managementRoute(ops.listManagementTokens, async ({ actor, query }) =>
    toList(await listManagementTokens({ actor, take: query.limit + 1, after: query.after }), query.limit, (t) => toManagementTokenJson(t)),
  ),
  create: managementRoute(ops.createManagementToken, async ({ actor, body }) => {
    const { token, secret } = await createManagementToken({ actor, input: toCreateManagementTokenInput(body) });
    return { ...toManagementTokenJson(token), token: secret };
  }),
  get: managementRoute(ops.getManagementToken, async ({ actor, params }) => toManagementTokenJson(await getManagementTokenOrThrow(actor, params.id))),
  revoke: managementRoute(ops.revokeManagementToken, async ({ actor, params }) =>
    toManagementTokenJson(await revokeManagementToken({ actor, tokenId: params.id })),
  ),
};
