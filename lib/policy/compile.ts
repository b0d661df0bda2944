// A key's policy, compiled once when the key enters the cache so that hits never re-parse.
import { compileModelPatterns, type ModelMatcher } from "@/lib/policy/model-glob";
import { compileIpAllowlist, type IpMatcher } from "@/lib/policy/ip-allow";

export type KeyPolicy = {
  allowedProviders: ReadonlySet<string> | null;
  allowedModels: ModelMatcher | null;
  deniedModels: ModelMatcher | null;
  allowedIps: IpMatcher | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxConcurrent: number | null;
  maxRequestCostUsd: number | null;
  maxOutputTokens: number | null;
};

type PolicyFields = {
  allowedProviders: string[];
  allowedModels: string[];
  deniedModels: string[];
  allowedIps: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxConcurrent: number | null;
  maxRequestCostUsd: { toString(): string } | null;
  maxOutputTokens: number | null;
};

export function compileKeyPolicy(fields: PolicyFields): KeyPolicy {
  return {
    allowedProviders: fields.allowedProviders.length ? new Set(fields.allowedProviders) : null,
    allowedModels: compileModelPatterns(fields.allowedModels),
    deniedModels: compileModelPatterns(fields.deniedModels),
    allowedIps: compileIpAllowlist(fields.allowedIps),
    rpmLimit: fields.rpmLimit,
    tpmLimit: fields.tpmLimit,
    maxConcurrent: fields.maxConcurrent,
    maxRequestCostUsd: fields.maxRequestCostUsd === null ? null : Number(fields.maxRequestCostUsd.toString()),
    maxOutputTokens: fields.maxOutputTokens,
  };
}

/** Whether a resolved model may be used under a policy (deny wins). */
export function modelAllowed(
  policy: Pick<KeyPolicy, "allowedProviders" | "allowedModels" | "deniedModels">,
  provider: string,
  model: string,
): "ok" | "provider" | "model" {
  if (policy.allowedProviders && !policy.allowedProviders.has(provider)) return "provider";
  const canonical = `${provider}/${model}`;
  if (policy.deniedModels?.(canonical, model)) return "model";
  if (policy.allowedModels && !policy.allowedModels(canonical, model)) return "model";
  return "ok";
}
