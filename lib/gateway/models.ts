// GET /v1/models and /v1/models/{id}: only the models this key may use, in OpenAI's list shape,
// or in Anthropic's when the caller speaks Anthropic (it sends `anthropic-version`, as the
// Anthropic SDKs and Claude Code always do).
import { authenticate } from "@/lib/gateway/authenticate";
import { getOrgSnapshot, type OrgSnapshot } from "@/lib/gateway/org-cache";
import { candidateVerdict } from "@/lib/policy/evaluate";
import { contextFor, type PeerInfo } from "@/lib/gateway/proxy";
import { errorResponse, requestIdHeaders } from "@/lib/gateway/render-error";
import { anthropicModel, anthropicModelPage } from "@/lib/gateway/models-anthropic";
import { asLatchError, NotFoundError, PermissionError, ServiceUnavailableError } from "@/lib/errors";
import type { CachedKey } from "@/lib/gateway/key-cache";

const CREATED = Math.floor(Date.UTC(2025, 0, 1) / 1000);

export type VisibleModel = { id: string; created: number; provider: string };

function visibleModels(key: CachedKey, org: OrgSnapshot): VisibleModel[] {
  return org.publicNames.flatMap((name) => {
    const usable = (org.routes.get(name) ?? []).find((c) => candidateVerdict(key, org, c.credential.provider, c.upstreamModel) === "ok");
    return usable ? [{ id: name, created: CREATED, provider: usable.credential.provider }] : [];
  });
}

const openAIModel = (m: VisibleModel) => ({ id: m.id, object: "model" as const, created: m.created, owned_by: m.provider });

export async function handleModelsRequest(request: Request, modelId: string | null, peer: PeerInfo = { address: null }): Promise<Response> {
  const ctx = contextFor("models", request, peer);
  try {
    const key = await authenticate(request.headers, ctx.clientIp);
    if (key.policy.allowedIps && !key.policy.allowedIps(ctx.clientIp))
      throw new PermissionError("ip_not_allowed", "Requests from this IP address are not allowed for this key.");
    const org = await getOrgSnapshot(key.orgId);
    if (!org) throw new ServiceUnavailableError("org_unavailable", "This key's organisation is not available.");
    const models = visibleModels(key, org);
    const headers = { "content-type": "application/json", ...requestIdHeaders(ctx) };
    const anthropic = ctx.format === "anthropic-api";
    if (modelId === null) {
      const list = anthropic
        ? anthropicModelPage(models, new URL(request.url, "http://latch.internal").searchParams)
        : { object: "list", data: models.map(openAIModel) };
      return new Response(JSON.stringify(list), { headers });
    }
    const model = models.find((m) => m.id === modelId);
    if (!model) throw new NotFoundError("model_not_found", `The model \`${modelId}\` does not exist or you do not have access to it.`, "model");
    return new Response(JSON.stringify(anthropic ? anthropicModel(model) : openAIModel(model)), { headers });
  } catch (error) {
    return errorResponse(ctx, asLatchError(error));
  }
}
