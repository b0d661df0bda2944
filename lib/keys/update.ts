// The key update verb, and its core for callers that compose it into their own transaction.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getKeyOrThrow, type KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";
import { InvalidRequestError } from "@/lib/errors";
import { UpdateKeyInput, type BudgetInput } from "@/lib/keys/schemas";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkKeyAttribution } from "@/lib/attribution/key-values";

type Tx = Prisma.TransactionClient;

/**
 * Changes a key's name, owner or policy. The gateway drops its cached copy at once, so the next
 * request is judged by the new policy. Budgets are matched by kind and period and updated in
 * place, so raising a limit keeps what was already spent in the current period.
 */
export async function updateKey({ actor, input }: { actor: Actor; input: UpdateKeyInput }): Promise<void> {
  requirePermission(actor, "keys.write.own");
  const data = UpdateKeyInput.parse(input);
  const key = await getKeyOrThrow(actor, data.keyId, "write");
  // Handing a key to someone else is an "all keys" power, as creating one for them is.
  if (data.ownerUserId !== undefined && data.ownerUserId !== key.ownerUserId) requirePermission(actor, "keys.write.all");
  await db.$transaction((tx) => updateKeyTx(tx, actor, key, data));
  await publishInvalidation({ kind: "key", keyId: key.id });
}

type KeyToUpdate = Pick<
  Prisma.VirtualKeyGetPayload<{ select: typeof KEY_PUBLIC_FIELDS }>,
  "id" | "status" | "parentKeyId" | "teamId" | "dimensions" | "requestTags"
>;

/**
 * The checks and writes of a key update inside the caller's transaction, audited as `actor`.
 * The caller has already authorised the change (updateKey by permission, an approval by its
 * decision) and publishes the key's invalidation once the transaction has committed.
 */
export async function updateKeyTx(tx: Tx, actor: Actor, key: KeyToUpdate, input: UpdateKeyInput): Promise<void> {
  const { keyId: _keyId, budgets, ownerUserId, teamId, ...fields } = UpdateKeyInput.parse(input);
  if (key.status === "revoked") throw new InvalidRequestError("A revoked key cannot be changed.", "id", "key_revoked");
  if (fields.expiresAt && fields.expiresAt.getTime() <= Date.now())
    throw new InvalidRequestError("`expiresAt` must be in the future.", "expiresAt", "invalid_value");
  // A child's budget is what was carved out of its parent: widening it would spend past the parent's cap.
  if (key.parentKeyId && (budgets || fields.maxChildKeys || fields.expiresAt !== undefined))
    throw new InvalidRequestError(
      "A child key's budget, lifetime and delegation come from its parent and cannot be changed.",
      budgets ? "budgets" : fields.maxChildKeys ? "maxChildKeys" : "expiresAt",
      "exceeds_parent",
    );

  const given = { ...fields, budgets, ownerUserId, teamId };
  const changed = Object.keys(given).filter((name) => given[name as keyof typeof given] !== undefined);
  if (ownerUserId)
    await tx.membership.findFirstOrThrow({ where: { orgId: actor.orgId, userId: ownerUserId, active: true } }).catch(() => {
      throw new InvalidRequestError("The owner is not an active member of this organisation.", "ownerUserId");
    });
  if (teamId)
    await tx.team.findFirstOrThrow({ where: { id: teamId, orgId: actor.orgId } }).catch(() => {
      throw new InvalidRequestError("The team does not exist in this organisation.", "teamId");
    });
  if (fields.dimensions || fields.requestTags)
    await checkKeyAttribution(tx, actor.orgId, {
      dimensions: fields.dimensions ?? (key.dimensions as Record<string, string>),
      requestTags: fields.requestTags ?? key.requestTags,
      teamId: teamId === undefined ? key.teamId : teamId,
    });
  await tx.virtualKey.update({
    where: { id: key.id, orgId: actor.orgId },
    data: { ...fields, ...(ownerUserId !== undefined ? { ownerUserId } : {}), ...(teamId !== undefined ? { teamId } : {}) },
  });
  if (budgets) await replaceBudgets(tx, actor.orgId, key.id, budgets);
  await recordAudit(tx, actor, { action: "key.updated", targetType: "key", targetId: key.id, metadata: { fields: changed } });
}

async function replaceBudgets(tx: Tx, orgId: string, keyId: string, wanted: BudgetInput[]): Promise<void> {
  const existing = await tx.budget.findMany({ where: { orgId, keyId, scope: "key" }, select: { id: true, kind: true, period: true } });
  const slot = (b: { kind: string; period: string }) => `${b.kind}:${b.period}`;
  const byWanted = new Map(wanted.map((b) => [slot(b), b]));
  const kept = new Set<string>();
  for (const row of existing) {
    const next = byWanted.get(slot(row));
    if (!next || kept.has(slot(row))) {
      await tx.budget.delete({ where: { id: row.id } });
      continue;
    }
    kept.add(slot(row));
    await tx.budget.update({ where: { id: row.id }, data: { limit: next.limit } });
  }
  const fresh = [...byWanted.entries()].filter(([s]) => !kept.has(s)).map(([, b]) => ({ ...b, orgId, keyId, scope: "key" as const }));
  if (fresh.length) await tx.budget.createMany({ data: fresh });
}
