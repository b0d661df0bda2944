import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toCreateCredentialInput, toProviderJson, toProviderTestJson, toUpdateCredentialInput } from "@/lib/api/serializers/providers";
import { createCredential } from "@/lib/credentials/create";
import { deleteCredential } from "@/lib/credentials/delete";
import { getCredential, listCredentials } from "@/lib/credentials/list";
import { testCredential } from "@/lib/credentials/test";
import { updateCredential } from "@/lib/credentials/update";

export const providersApi = {
  list: managementRoute(ops.listProviders, async ({ actor, query }) =>
    toList(await listCredentials({ actor, take: query.limit + 1, after: query.after }), query.limit, toProviderJson),
  ),
  create: managementRoute(ops.createProvider, async ({ actor, body }) =>
    toProviderJson(await createCredential({ actor, input: toCreateCredentialInput(body) })),
  ),
  get: managementRoute(ops.getProvider, async ({ actor, params }) => toProviderJson(await getCredential({ actor, credentialId: params.id }))),
  update: managementRoute(ops.updateProvider, async ({ actor, params, body }) =>
    toProviderJson(await updateCredential({ actor, input: toUpdateCredentialInput(params.id, body) })),
  ),
  delete: managementRoute(ops.deleteProvider, async ({ actor, params }) => {
    await deleteCredential({ actor, credentialId: params.id });
    return { id: params.id, object: "provider" as const, deleted: true as const };
  }),
  test: managementRoute(ops.testProvider, async ({ actor, params }) => toProviderTestJson(await testCredential({ actor, credentialId: params.id }))),
};
