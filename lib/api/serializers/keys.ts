// Keys on the wire (snake_case) ↔ lib/keys (camelCase). Field rules come from lib/keys/schemas,
// so the portal, the API and the OpenAPI document validate alike.
import { DegradeRulesBody, DegradeRulesJson, toDegradeRules, toDegradeRulesJson } from "@/lib/api/serializers/degrade-rules";
import { z } from "zod";
import { KeyKind, KeyPolicyInput, type BudgetInput, type CreateKeyInput, type UpdateKeyInput } from "@/lib/keys/schemas";
import type { getKeyOrThrow } from "@/lib/keys/queries";
import type { KeyUsage } from "@/lib/keys/get";
import { InvalidRequestError } from "@/lib/errors";
import { DimensionName, DimensionValues } from "@/lib/attribution/schemas";
import { decimal, iso, PageQuery, Timestamp } from "@/lib/api/serializers/common";
import { McpPolicyJson, toMcpPolicyJson } from "@/lib/mcp/api/policy-json";
import { readMcpPolicy } from "@/lib/mcp/policy/schemas";

const policy = KeyPolicyInput.shape;
export const Period = z.enum(["daily", "weekly", "monthly"]).nullable().describe("Calendar period in the org's time zone; null never resets.");
const LimitType = z.enum(["spend", "tokens"]);
const KeyStatus = z.enum(["active", "revoked", "expired", "pending", "suspended"]);

export const LimitJson = z.strictObject({
  type: LimitType,
  amount: z.number().positive().describe("USD for `spend`, tokens (input + output) for `tokens`."),
  period: Period.default(null),
});

export const policyFields = {
  owner_email: z.email().nullable().optional().describe("The owner, by the email of an active member of the org; null for none."),
  team_id: z.string().min(1).nullable().optional(),
  allowed_providers: policy.allowedProviders.unwrap().optional(),
  allowed_models: policy.allowedModels.unwrap().optional().describe("Model names or globs (`gpt-4o*`); empty allows every routed model."),
  denied_models: policy.deniedModels.unwrap().optional(),
  allowed_ips: policy.allowedIps.unwrap().optional().describe("IP addresses or CIDR ranges; empty allows any."),
  rpm_limit: policy.rpmLimit.unwrap().optional(),
  tpm_limit: policy.tpmLimit.unwrap().optional(),
  max_concurrency: policy.maxConcurrent.unwrap().optional(),
  spend_limit_usd: z.number().positive().nullable().optional().describe("The key's spend limit; replaces its other spend limits. null removes them."),
  spend_reset_period: Period.optional(),
  token_limit: z.number().int().positive().nullable().optional().describe("The key's token limit; replaces its other token limits. null removes them."),
  token_reset_period: Period.optional(),
  limits: z.array(LimitJson).max(8).optional().describe("Several windows at once; replaces every limit of the key."),
  max_request_cost_usd: policy.maxRequestCostUsd.unwrap().optional(),
  max_output_tokens: policy.maxOutputTokens.unwrap().optional(),
  expires_at: Timestamp.nullable().optional().describe("RFC 3339."),
  metadata: z.record(z.string().max(100), z.string().max(1000)).optional(),
  dimensions: DimensionValues.optional().describe("The key's own attribution values {dimension: value}; replaces them all. Requests cannot override them."),
  request_tags: z
    .array(DimensionName)
    .max(20)
    .optional()
    .describe("Dimensions a request may set per request (x-latch-tags, OpenAI `metadata`) where the key has no value of its own."),
  max_child_keys: policy.maxChildKeys
    .unwrap()
    .optional()
    .describe("Live child keys this key may mint for single runs (POST /v1/keys/{id}/children); null: it may not delegate."),
  degrade_rules: DegradeRulesBody.optional(),
  mcp_policy: McpPolicyJson.nullable().optional().describe("The key's MCP tool policy; replaces it whole. null removes it."),
};
const name = z.string().trim().min(1).max(100);

const kind = KeyKind.describe("What the key is for; set at creation only. Usage groups and filters by it.");

export const CreateKeyBody = z.strictObject({ name, kind: kind.optional(), ...policyFields }).meta({ title: "CreateKeyRequest" });
export const UpdateKeyBody = z.strictObject({ name: name.optional(), ...policyFields }).meta({ title: "UpdateKeyRequest" });
export const RotateKeyBody = z
  .strictObject({
    grace_period_seconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional()
      .describe("How long the old secret keeps working."),
  })
  .meta({ title: "RotateKeyRequest" });
export const ListKeysQuery = PageQuery.extend({
  status: KeyStatus.optional(),
  owner_email: z.email().optional(),
  team_id: z.string().min(1).optional(),
  kind: KeyKind.optional(),
});

export const KeyJson = z
  .object({
    id: z.string(),
    object: z.literal("key"),
    name: z.string(),
    key_prefix: z.string().describe("The first characters of the secret, to recognise it by."),
    status: KeyStatus,
    kind,
    owner_user_id: z.string().nullable(),
    owner_email: z.string().nullable(),
    team_id: z.string().nullable(),
    allowed_providers: z.array(z.string()),
    allowed_models: z.array(z.string()),
    denied_models: z.array(z.string()),
    allowed_ips: z.array(z.string()),
    rpm_limit: z.number().int().nullable(),
    tpm_limit: z.number().int().nullable(),
    max_concurrency: z.number().int().nullable(),
    spend_limit_usd: z.number().nullable(),
    spend_reset_period: Period,
    token_limit: z.number().nullable(),
    token_reset_period: Period,
    limits: z.array(z.object({ type: LimitType, amount: z.number(), period: Period, used: z.number().optional().describe("Used in the current period.") })),
    max_request_cost_usd: z.number().nullable(),
    max_output_tokens: z.number().int().nullable(),
    max_child_keys: z.number().int().nullable(),
    degrade_rules: DegradeRulesJson,
    parent_key_id: z.string().nullable().describe("Set on a child key: the key its budget is carved out of."),
    run_id: z.string().nullable(),
    expires_at: Timestamp.nullable(),
    metadata: z.record(z.string(), z.string()),
    dimensions: z.record(z.string(), z.string()),
    request_tags: z.array(z.string()),
    mcp_policy: McpPolicyJson,
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    rotated_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
    spend_usd: z.number().optional().describe("USD spent in the current period of the first spend limit (else this calendar month)."),
    tokens_used: z.number().int().optional().describe("Tokens used in the current period of the first token limit (else this calendar month)."),
  })
  .meta({ title: "Key" });
export const KeyWithSecretJson = KeyJson.extend({ key: z.string().describe("The raw secret. Shown once, never again.") }).meta({ title: "KeyWithSecret" });

type KeyRecord = Awaited<ReturnType<typeof getKeyOrThrow>>;
type KeyBody = z.output<typeof UpdateKeyBody>;
type WirePeriod = z.output<typeof Period>;
const toWirePeriod = (p: BudgetInput["period"]): WirePeriod => (p === "lifetime" ? null : p);

export function toKeyJson(key: KeyRecord, usage?: KeyUsage): z.input<typeof KeyJson> {
  const limits = key.budgets.map((b) => ({
    type: b.kind,
    amount: Number(b.limit.toString()),
    period: toWirePeriod(b.period),
    ...(usage ? { used: usage.byBudget[b.id] ?? 0 } : {}),
  }));
  const spend = limits.find((l) => l.type === "spend");
  const tokens = limits.find((l) => l.type === "tokens");
  const metadata = Object.fromEntries(
    Object.entries((key.metadata ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  return {
    id: key.id,
    object: "key",
    name: key.name,
    key_prefix: key.prefix,
    status: key.status,
    kind: key.kind,
    owner_user_id: key.ownerUserId,
    owner_email: key.owner?.email ?? null,
    team_id: key.teamId,
    allowed_providers: key.allowedProviders,
    allowed_models: key.allowedModels,
    denied_models: key.deniedModels,
    allowed_ips: key.allowedIps,
    rpm_limit: key.rpmLimit,
    tpm_limit: key.tpmLimit,
    max_concurrency: key.maxConcurrent,
    spend_limit_usd: spend?.amount ?? null,
    spend_reset_period: spend?.period ?? null,
    token_limit: tokens?.amount ?? null,
    token_reset_period: tokens?.period ?? null,
    limits,
    max_request_cost_usd: decimal(key.maxRequestCostUsd),
    max_output_tokens: key.maxOutputTokens,
    expires_at: iso(key.expiresAt),
    metadata,
    dimensions: (key.dimensions ?? {}) as Record<string, string>,
    request_tags: key.requestTags,
    mcp_policy: toMcpPolicyJson(readMcpPolicy(key.mcpPolicy)),
    created_at: key.createdAt.toISOString(),
    last_used_at: iso(key.lastUsedAt),
    rotated_at: iso(key.rotatedAt),
    revoked_at: iso(key.revokedAt),
    max_child_keys: key.maxChildKeys,
    degrade_rules: toDegradeRulesJson(key.degradeRules),
    parent_key_id: key.parentKeyId,
    run_id: key.runId,
    ...(usage ? { spend_usd: usage.spendUsd, tokens_used: usage.tokensUsed } : {}),
  };
}

/**
 * The wire's three ways to state limits → the domain's budget list (undefined: leave them).
 * `limits` replaces all; `spend_limit_usd` / `token_limit` replace the limits of their kind.
 */
export function toBudgets(body: KeyBody, current: readonly BudgetInput[]): BudgetInput[] | undefined {
  if (body.spend_reset_period !== undefined && body.spend_limit_usd === undefined)
    throw new InvalidRequestError("`spend_reset_period` needs `spend_limit_usd` in the same request.", "spend_reset_period");
  if (body.token_reset_period !== undefined && body.token_limit === undefined)
    throw new InvalidRequestError("`token_reset_period` needs `token_limit` in the same request.", "token_reset_period");
  if (body.limits === undefined && body.spend_limit_usd === undefined && body.token_limit === undefined) return undefined;

  const listed = body.limits?.map((l): BudgetInput => ({ kind: l.type, period: l.period ?? "lifetime", limit: l.amount }));
  let budgets = listed ?? [...current];
  const single = [
    ["spend", body.spend_limit_usd, body.spend_reset_period],
    ["tokens", body.token_limit, body.token_reset_period],
  ] as const;
  for (const [kind, amount, period] of single) {
    if (amount === undefined) continue;
    if (!listed) budgets = budgets.filter((b) => b.kind !== kind);
    if (amount !== null) budgets.push({ kind, period: period ?? "lifetime", limit: amount });
  }
  const slots = budgets.map((b) => `${b.kind}:${b.period}`);
  if (new Set(slots).size !== slots.length) throw new InvalidRequestError("Two limits of the same type share a period.", "limits");
  return budgets;
}

function policyFrom(body: KeyBody) {
  return {
    teamId: body.team_id,
    metadata: body.metadata,
    dimensions: body.dimensions,
    requestTags: body.request_tags,
    allowedProviders: body.allowed_providers,
    allowedModels: body.allowed_models,
    deniedModels: body.denied_models,
    allowedIps: body.allowed_ips,
    rpmLimit: body.rpm_limit,
    tpmLimit: body.tpm_limit,
    maxConcurrent: body.max_concurrency,
    maxRequestCostUsd: body.max_request_cost_usd,
    maxOutputTokens: body.max_output_tokens,
    maxChildKeys: body.max_child_keys,
    degradeRules: body.degrade_rules && toDegradeRules(body.degrade_rules),
    expiresAt: body.expires_at === undefined || body.expires_at === null ? body.expires_at : new Date(body.expires_at),
  };
}

export function toCreateKeyInput(body: z.output<typeof CreateKeyBody>, ownerUserId: string | null): CreateKeyInput {
  const { teamId, ...policyFields } = policyFrom(body);
  return { ...policyFields, name: body.name, kind: body.kind, ownerUserId, teamId: teamId ?? null, budgets: toBudgets(body, []) ?? [] };
}

export function toUpdateKeyInput(keyId: string, body: KeyBody, current: KeyRecord, ownerUserId: string | null | undefined): UpdateKeyInput {
  const budgets = toBudgets(
    body,
    current.budgets.map((b) => ({ kind: b.kind, period: b.period, limit: Number(b.limit.toString()) })),
  );
  return { ...policyFrom(body), keyId, name: body.name, ownerUserId, budgets };
}
