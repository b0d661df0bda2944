// Mints a short-lived child key for one run (a CI job, a sub-agent), on behalf of a parent key
// whose policy allows delegation. Its policy only narrows the parent's, and its budget is carved
// out of the parent's remaining budget in the ledger before the row is committed.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { generateSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";
import { InvalidRequestError, PermissionError } from "@/lib/errors";
import { CreateChildKeyInput } from "@/lib/keys/schemas";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { narrowPolicy } from "@/lib/keys/narrow-policy";
import { carveBudget, releaseCarve } from "@/lib/policy/carve";
import { toBudgetRule, usdToNano } from "@/lib/policy/budget-rules";

export type CreatedChildKey = { id: string; name: string; prefix: string; secret: string; parentKeyId: string; runId: string | null; expiresAt: Date };

/** Management API and portal: the actor must be able to write the parent key. */
export async function createChildKey({
  actor,
  parentKeyId,
  input,
}: {
  actor: Actor;
  parentKeyId: string;
  input: CreateChildKeyInput;
}): Promise<CreatedChildKey> {
  requirePermission(actor, "keys.write.own");
  await getKeyOrThrow(actor, parentKeyId, "write");
  return mintChildKey(actor, parentKeyId, input);
}

/** Data plane: the parent key itself is the credential (already authenticated by the caller). */
export function createChildKeyAsParent({
  orgId,
  parentKeyId,
  input,
}: {
  orgId: string;
  parentKeyId: string;
  input: CreateChildKeyInput;
}): Promise<CreatedChildKey> {
  return mintChildKey({ kind: "system", orgId }, parentKeyId, input);
}

async function mintChildKey(actor: Actor, parentKeyId: string, raw: CreateChildKeyInput): Promise<CreatedChildKey> {
  const input = CreateChildKeyInput.parse(raw);
  const now = Date.now();
  const parent = await db.virtualKey.findFirst({
    where: { id: parentKeyId, orgId: actor.orgId },
    include: { budgets: true, org: { select: { timeZone: true } } },
  });
  if (!parent || parent.status !== "active" || (parent.expiresAt && parent.expiresAt.getTime() <= now))
    throw new PermissionError("delegation_not_allowed", "Only an active key can mint child keys.");
  if (parent.maxChildKeys === null || parent.parentKeyId !== null)
    throw new PermissionError("delegation_not_allowed", "This key's policy does not allow it to mint child keys.");

  const policy = narrowPolicy(parent, input, now);
  const rules = parent.budgets.map(toBudgetRule);
  for (const [kind, field] of [
    ["spend", "budgetUsd"],
    ["tokens", "budgetTokens"],
  ] as const)
    if (rules.some((r) => r.kind === kind) && input[field] === undefined)
      throw new InvalidRequestError(`\`${field}\` is required: it is carved out of the parent key's budget.`, field);
  const budgets = [
    ...(input.budgetUsd !== undefined ? [{ kind: "spend" as const, limit: input.budgetUsd }] : []),
    ...(input.budgetTokens !== undefined ? [{ kind: "tokens" as const, limit: input.budgetTokens }] : []),
  ];

  // Budget and live-child slot first, in one atomic ledger step on every instance alike; the row
  // follows, and a failed insert gives the room back at once rather than at expiry.
  const id = `ck_${randomUUID().replaceAll("-", "")}`;
  const scope = { orgId: actor.orgId, timeZone: parent.org.timeZone, parentKeyId, rules, carvedAt: now };
  await carveBudget(scope, id, { spend: usdToNano(input.budgetUsd ?? 0), tokens: input.budgetTokens ?? 0 }, policy.expiresAt.getTime(), parent.maxChildKeys);
  const { secret, hash, displayPrefix } = generateSecret(VIRTUAL_KEY_PREFIX);
  try {
    const child = await db.$transaction(async (tx) => {
      const row = await tx.virtualKey.create({
        data: {
          ...policy,
          id,
          createdAt: new Date(now),
          orgId: actor.orgId,
          name: input.name ?? `${parent.name} run`,
          hash,
          prefix: displayPrefix,
          ownerUserId: parent.ownerUserId,
          teamId: parent.teamId,
          maxRequestCostUsd: parent.maxRequestCostUsd,
          parentKeyId,
          runId: input.runId ?? null,
          createdById: actor.kind === "user" ? actor.userId : null,
          budgets: { create: budgets.map((b) => ({ ...b, orgId: actor.orgId, scope: "key" as const, period: "lifetime" as const })) },
        },
        select: { id: true, name: true, prefix: true },
      });
      await recordAudit(tx, actor, {
        action: "key.created",
        targetType: "key",
        targetId: row.id,
        metadata: { name: row.name, parentKeyId, runId: input.runId ?? null },
      });
      return row;
    });
    return { ...child, secret, parentKeyId, runId: input.runId ?? null, expiresAt: policy.expiresAt };
  } catch (err) {
    await releaseCarve(scope, id).catch(() => {});
    throw err;
  }
}
