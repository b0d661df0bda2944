// Converts between the self-service view of a key (KeyValues: models, caps, lifetime in days)
// and the key's stored policy (lib/keys/schemas.ts). Self-service owns exactly one spend
// budget per key; any other budget an admin attached is carried over untouched.
import type { BudgetInput, KeyPolicyInput } from "@/lib/keys/schemas";
import type { KeyValues } from "@/lib/guardrails/schemas";
import { keyTools } from "@/lib/mcp/policy/schemas";

const DAY_MS = 86_400_000;

type StoredBudget = { kind: "spend" | "tokens"; period: KeyValues["spendPeriod"]; limit: { toString(): string } };
export type KeyPolicyView = {
  allowedModels: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  expiresAt: Date | null;
  budgets: StoredBudget[];
  /** The key's MCP policy, whose allowedTools are the self-service view's tools. */
  mcpPolicy?: unknown;
};

export function toKeyPolicy(values: KeyValues, now = Date.now()): Pick<KeyPolicyInput, "allowedModels" | "rpmLimit" | "tpmLimit" | "expiresAt" | "budgets"> {
  return {
    allowedModels: values.models,
    rpmLimit: values.rpmLimit,
    tpmLimit: values.tpmLimit,
    expiresAt: values.expiresInDays === null ? null : new Date(now + values.expiresInDays * DAY_MS),
    budgets: values.spendCapUsd === null ? [] : [{ kind: "spend", period: values.spendPeriod, limit: values.spendCapUsd }],
  };
}

export function valuesFromKey(key: KeyPolicyView, now = Date.now()): KeyValues {
  const spend = key.budgets.find((b) => b.kind === "spend");
  return {
    models: key.allowedModels,
    rpmLimit: key.rpmLimit,
    tpmLimit: key.tpmLimit,
    spendCapUsd: spend ? Number(spend.limit.toString()) : null,
    spendPeriod: spend?.period ?? "monthly",
    // Rounded up, so an unchanged form never counts as asking for a longer life.
    expiresInDays: key.expiresAt ? Math.max(1, Math.ceil((key.expiresAt.getTime() - now) / DAY_MS)) : null,
    tools: keyTools(key.mcpPolicy),
  };
}

/** The updateKey fields for moving `key` to `next`; expiry is reset only when the lifetime changed. */
export function toKeyUpdate(key: KeyPolicyView, next: KeyValues, now = Date.now()) {
  const policy = toKeyPolicy(next, now);
  const kept: BudgetInput[] = key.budgets.filter((b) => b.kind !== "spend").map((b) => ({ kind: b.kind, period: b.period, limit: Number(b.limit.toString()) }));
  const lifetimeChanged = valuesFromKey(key, now).expiresInDays !== next.expiresInDays;
  return {
    allowedModels: policy.allowedModels,
    rpmLimit: policy.rpmLimit,
    tpmLimit: policy.tpmLimit,
    budgets: [...kept, ...policy.budgets],
    ...(lifetimeChanged ? { expiresAt: policy.expiresAt } : {}),
  };
}
