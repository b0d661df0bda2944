// GET /v1/responses/{id} names no model: the route is the one whose credential created the
// response (remembered when it was created through Latch), else the key's only route able to
// retrieve responses. Several possible accounts and no memory of the id is a 404, never a guess.
import { NotFoundError } from "@/lib/errors";
import { getAdapter } from "@/lib/providers/registry";
import { candidateVerdict } from "@/lib/policy/evaluate";
import { recallResponseOwner } from "@/lib/gateway/response-owners";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { ProxyBody } from "@/lib/gateway/request-body";

export type RetrievalTarget = ProxyBody & { credentialId: string };

export async function retrievalTarget(key: CachedKey, org: OrgSnapshot, responseId: string, query: string): Promise<RetrievalTarget> {
  const owner = await recallResponseOwner(org.orgId, responseId);
  const usable = org.publicNames.flatMap((model) =>
    (org.routes.get(model) ?? [])
      .filter(
        (c) => getAdapter(c.credential.provider)?.supports("responses.retrieve") && candidateVerdict(key, org, c.credential.provider, c.upstreamModel) === "ok",
      )
      .map((c) => ({ model, credentialId: c.credential.id })),
  );
  const accounts = new Set(usable.map((u) => u.credentialId));
  const chosen = owner ? usable.find((u) => u.credentialId === owner) : accounts.size === 1 ? usable[0] : undefined;
  if (!chosen) throw new NotFoundError("response_not_found", `No response with id '${responseId}' found.`, "response_id");
  return {
    ...chosen,
    json: {},
    bytes: 0,
    stream: new URLSearchParams(query).get("stream") === "true",
    clientWantsStreamUsage: false,
    maxOutputTokens: null,
  };
}
