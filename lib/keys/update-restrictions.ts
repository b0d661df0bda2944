import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { updateKey } from "@/lib/keys/update";
import type { BudgetInput } from "@/lib/keys/schemas";
import type { RestrictionsForm } from "@/lib/keys/restrictions-form";
import { QUOTA_PERIODS } from "@/lib/keys/restrictions-form";

export type UpdateKeyRestrictionsInput = RestrictionsForm & { keyId: string };

/**
 * The key's restrictions beyond the self-service values: each can only narrow what the key may
 * do (an allowlist, a denylist, a lower ceiling), so a developer sets them on their own keys
 * without an approver. Token quotas replace the key's token budgets; its spend cap stays.
 */
export async function updateKeyRestrictions({ actor, input }: { actor: Actor; input: UpdateKeyRestrictionsInput }): Promise<void> {
  requirePermission(actor, "keys.write.own");
  const { keyId, tokenQuotas, ...fields } = input;
  const key = await getKeyOrThrow(actor, keyId, "write");
  const kept: BudgetInput[] = key.budgets
    .filter((b) => b.kind !== "tokens")
    .map((b) => ({ kind: b.kind, period: b.period, limit: Number(b.limit.toString()) }));
  const quotas: BudgetInput[] = QUOTA_PERIODS.flatMap((period) =>
    tokenQuotas[period] === null ? [] : [{ kind: "tokens" as const, period, limit: tokenQuotas[period] }],
  );
  await updateKey({ actor, input: { keyId: key.id, ...fields, budgets: [...kept, ...quotas] } });
}
