// Policy checks that need no counters: client IP, provider and model allow/deny at key and org
// level, and per-request caps. Runs on compiled policy only; no I/O.
import { InvalidRequestError, PermissionError } from "@/lib/errors";
import { modelAllowed } from "@/lib/policy/compile";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot, RouteCandidate } from "@/lib/gateway/org-cache";

export type AuthorizeInput = {
  key: CachedKey;
  org: OrgSnapshot;
  clientIp: string | null;
  candidates: RouteCandidate[];
  requestedModel: string;
  maxOutputTokens: number | null;
};

/** Returns the candidates this key may use, or throws the reason none may be used. */
export function authorize({ key, org, clientIp, candidates, requestedModel, maxOutputTokens }: AuthorizeInput): RouteCandidate[] {
  const { policy } = key;
  if (policy.allowedIps && !policy.allowedIps(clientIp))
    throw new PermissionError("ip_not_allowed", "Requests from this IP address are not allowed for this key.");

  let providerBlocked = false;
  const allowed = candidates.filter(({ credential, upstreamModel }) => {
    const verdict = candidateVerdict(key, org, credential.provider, upstreamModel);
    if (verdict === "provider") providerBlocked = true;
    return verdict === "ok";
  });
  if (allowed.length === 0) {
    if (providerBlocked) throw new PermissionError("provider_not_allowed", `This key may not use the provider serving \`${requestedModel}\`.`);
    throw new PermissionError("model_not_allowed", `This key may not use the model \`${requestedModel}\`.`);
  }
  if (policy.maxOutputTokens !== null && maxOutputTokens !== null && maxOutputTokens > policy.maxOutputTokens)
    throw new InvalidRequestError(`This key allows at most ${policy.maxOutputTokens} output tokens per request.`, "max_tokens", "request_too_expensive");
  return allowed;
}

export function candidateVerdict(key: CachedKey, org: OrgSnapshot, provider: string, model: string): "ok" | "provider" | "model" {
  const orgVerdict = modelAllowed({ allowedProviders: org.allowedProviders, allowedModels: org.allowedModels, deniedModels: null }, provider, model);
  return orgVerdict === "ok" ? modelAllowed(key.policy, provider, model) : orgVerdict;
}
