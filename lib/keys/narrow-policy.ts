// A child key's policy from its parent's and what the caller asks for: it may only narrow. Every
// field left out is inherited; anything wider than the parent is refused naming the field.
import { env } from "@/lib/env";
import { InvalidRequestError } from "@/lib/errors";
import { compileModelPatterns } from "@/lib/policy/model-glob";
import type { CreateChildKeyInput } from "@/lib/keys/schemas";

export type ParentPolicy = {
  allowedProviders: string[];
  allowedModels: string[];
  deniedModels: string[];
  allowedIps: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxConcurrent: number | null;
  maxOutputTokens: number | null;
  expiresAt: Date | null;
};

type Parsed = Omit<CreateChildKeyInput, "ttlSeconds"> & { ttlSeconds?: number };

/** A child's model pattern fits when the parent allows everything, lists it, or (without a wildcard) matches it. */
function modelsWithin(parent: string[], asked: string[]): boolean {
  const matcher = compileModelPatterns(parent);
  if (!matcher) return true;
  return asked.every((p) => parent.includes(p) || (!p.includes("*") && matcher(p, p.split("/").pop()!)));
}

function atMost(field: string, asked: number | undefined, parent: number | null): number | null {
  if (asked === undefined) return parent;
  if (parent !== null && asked > parent) throw new InvalidRequestError(`\`${field}\` may not exceed the parent key's (${parent}).`, field, "exceeds_parent");
  return asked;
}

export function narrowPolicy(parent: ParentPolicy, input: Parsed, now: number) {
  const models = input.allowedModels ?? parent.allowedModels;
  if (!modelsWithin(parent.allowedModels, models))
    throw new InvalidRequestError("`allowedModels` may only name models the parent key allows.", "allowedModels", "exceeds_parent");
  const maxMs = env.LATCH_CHILD_KEY_MAX_MINUTES * 60_000;
  if (input.ttlSeconds !== undefined && input.ttlSeconds * 1000 > maxMs)
    throw new InvalidRequestError(`\`ttlSeconds\` may not exceed ${maxMs / 1000} (the longest a child key lives).`, "ttlSeconds", "exceeds_parent");
  const parentEnd = parent.expiresAt?.getTime() ?? Infinity;
  const asked = now + (input.ttlSeconds ?? maxMs / 1000) * 1000;
  if (input.ttlSeconds !== undefined && asked > parentEnd)
    throw new InvalidRequestError("A child key may not outlive its parent.", "ttlSeconds", "exceeds_parent");
  return {
    allowedProviders: parent.allowedProviders,
    allowedModels: models,
    deniedModels: parent.deniedModels,
    allowedIps: parent.allowedIps,
    rpmLimit: atMost("rpmLimit", input.rpmLimit, parent.rpmLimit),
    tpmLimit: atMost("tpmLimit", input.tpmLimit, parent.tpmLimit),
    maxConcurrent: atMost("maxConcurrent", input.maxConcurrent, parent.maxConcurrent),
    maxOutputTokens: atMost("maxOutputTokens", input.maxOutputTokens, parent.maxOutputTokens),
    expiresAt: new Date(Math.min(asked, parentEnd)),
  };
}
