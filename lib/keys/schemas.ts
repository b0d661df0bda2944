import { z } from "zod";
import { ModelPattern as pattern } from "@/lib/guardrails/model-pattern";
import { parseIpRule } from "@/lib/policy/ip-allow";
import { ACTIONS as SENSITIVITY_ACTIONS, LEVELS } from "@/lib/policy/classification/levels";
import { KeyKind } from "@/lib/keys/kinds";
import { DimensionName, DimensionValues } from "@/lib/attribution/schemas";

export { KEY_KINDS, KeyKind } from "@/lib/keys/kinds";

import { DegradeRulesInput } from "@/lib/policy/degrade-rules";

export const BudgetInput = z.object({
  kind: z.enum(["spend", "tokens"]),
  period: z.enum(["daily", "weekly", "monthly", "lifetime"]),
  limit: z.number().positive(),
});
export type BudgetInput = z.infer<typeof BudgetInput>;

/** Every policy field of a key; all optional, empty = unrestricted within the org's rules. */
export const KeyPolicyInput = z.object({
  allowedProviders: z.array(z.string().trim().min(1)).max(50).default([]),
  allowedModels: z.array(pattern).max(200).default([]),
  deniedModels: z.array(pattern).max(200).default([]),
  allowedIps: z
    .array(
      z
        .string()
        .trim()
        .refine((v) => parseIpRule(v) !== null, "must be an IP address or CIDR range"),
    )
    .max(200)
    .default([]),
  rpmLimit: z.number().int().positive().nullable().default(null),
  tpmLimit: z.number().int().positive().nullable().default(null),
  maxConcurrent: z.number().int().positive().nullable().default(null),
  maxRequestCostUsd: z.number().positive().nullable().default(null),
  maxOutputTokens: z.number().int().positive().nullable().default(null),
  expiresAt: z.coerce.date().nullable().default(null),
  budgets: z.array(BudgetInput).max(8).default([]),
  /** Live child keys it may mint for single runs; null: it may not delegate. */
  maxChildKeys: z.number().int().positive().max(1_000).nullable().default(null),
  /** Routing or throttling from a share of the key's caps, before the hard limit. */
  degradeRules: DegradeRulesInput.default([]),
});
export type KeyPolicyInput = z.infer<typeof KeyPolicyInput>;

export const CreateKeyInput = KeyPolicyInput.extend({
  name: z.string().trim().min(1).max(100),
  /** Defaults to the acting user; admins and tokens may create keys for others or for a team only. */
  ownerUserId: z.string().nullable().optional(),
  teamId: z.string().nullable().default(null),
  /** Set once, at creation: usage history groups by it, so it never changes. */
  kind: KeyKind.default("personal"),
  /** The key's own attribution values; requests can never override them. */
  dimensions: DimensionValues.default({}),
  /** Dimensions a request may tag itself with, where the key has no value of its own. */
  requestTags: z.array(DimensionName).max(20).default([]),
  metadata: z.record(z.string(), z.string()).default({}),
});
export type CreateKeyInput = z.input<typeof CreateKeyInput>;

const policy = KeyPolicyInput.shape;

/** A partial change: an absent field is left as it is, null clears it. `budgets` replaces the set. */
export const UpdateKeyInput = z.object({
  keyId: z.string().min(1),
  name: CreateKeyInput.shape.name.optional(),
  ownerUserId: z.string().nullable().optional(),
  teamId: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  dimensions: DimensionValues.optional(),
  requestTags: z.array(DimensionName).max(20).optional(),
  allowedProviders: policy.allowedProviders.unwrap().optional(),
  allowedModels: policy.allowedModels.unwrap().optional(),
  deniedModels: policy.deniedModels.unwrap().optional(),
  allowedIps: policy.allowedIps.unwrap().optional(),
  rpmLimit: policy.rpmLimit.unwrap().optional(),
  tpmLimit: policy.tpmLimit.unwrap().optional(),
  maxConcurrent: policy.maxConcurrent.unwrap().optional(),
  maxRequestCostUsd: policy.maxRequestCostUsd.unwrap().optional(),
  maxOutputTokens: policy.maxOutputTokens.unwrap().optional(),
  expiresAt: policy.expiresAt.unwrap().optional(),
  budgets: policy.budgets.unwrap().optional(),
  /** The most sensitive prompt the key may send, and what happens above it; null inherits the team's or org's. */
  maxSensitivity: z.enum(LEVELS).nullable().optional(),
  sensitivityAction: z.enum(SENSITIVITY_ACTIONS).nullable().optional(),
  maxChildKeys: policy.maxChildKeys.unwrap().optional(),
  degradeRules: DegradeRulesInput.optional(),
});
export type UpdateKeyInput = z.input<typeof UpdateKeyInput>;

/**
 * A short-lived child key for one run, narrower than its parent in every respect; its budget is
 * carved out of the parent's (`budgetUsd` / `budgetTokens` are required when the parent has a
 * spend cap / token quota of its own).
 */
export const CreateChildKeyInput = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  runId: z.string().trim().min(1).max(200).optional(),
  /** Lifetime; at most the configured maximum and never past the parent's expiry. */
  ttlSeconds: z.number().int().positive().optional(),
  allowedModels: z.array(pattern).max(200).optional(),
  rpmLimit: z.number().int().positive().optional(),
  tpmLimit: z.number().int().positive().optional(),
  maxConcurrent: z.number().int().positive().optional(),
  maxOutputTokens: z.number().int().positive().optional(),
  budgetUsd: z.number().positive().optional(),
  budgetTokens: z.number().int().positive().optional(),
});
export type CreateChildKeyInput = z.input<typeof CreateChildKeyInput>;
