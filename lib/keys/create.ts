import type { z } from "zod";
import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { generateSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";
import { InvalidRequestError } from "@/lib/errors";
import { CreateKeyInput } from "@/lib/keys/schemas";
import { assertKeyCapacity } from "@/lib/billing/plan-limits";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkKeyAttribution } from "@/lib/attribution/key-values";

export type CreatedKey = { id: string; name: string; prefix: string; secret: string };
type ParsedKeyInput = z.output<typeof CreateKeyInput>;

/** Mints a virtual key. The raw secret is returned once and never stored. */
export async function createKey({ actor, input }: { actor: Actor; input: CreateKeyInput }): Promise<CreatedKey> {
  const data = CreateKeyInput.parse(input);
  const ownerUserId = data.ownerUserId === undefined ? actorUserId(actor) : data.ownerUserId;
  requirePermission(actor, ownerUserId !== null && ownerUserId === actorUserId(actor) ? "keys.write.own" : "keys.write.all");
  return db.$transaction((tx) => mintKey(tx, actor, { ...data, ownerUserId }));
}

/**
 * The insert behind createKey, for verbs that have already authorised the mint their own way
 * and need it in their own transaction (approving a key request mints the key and records the
 * decision atomically). It checks the data, never the actor's permissions.
 */
export async function mintKey(tx: Prisma.TransactionClient, actor: Actor, data: ParsedKeyInput & { ownerUserId: string | null }): Promise<CreatedKey> {
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now())
    throw new InvalidRequestError("`expiresAt` must be in the future.", "expiresAt", "invalid_value");
  await assertKeyCapacity(tx, actor.orgId);
  const { budgets, ownerUserId, ...policy } = data;
  if (ownerUserId)
    await tx.membership.findFirstOrThrow({ where: { orgId: actor.orgId, userId: ownerUserId, active: true } }).catch(() => {
      throw new InvalidRequestError("The owner is not an active member of this organisation.", "ownerUserId");
    });
  if (policy.teamId)
    await tx.team.findFirstOrThrow({ where: { id: policy.teamId, orgId: actor.orgId } }).catch(() => {
      throw new InvalidRequestError("The team does not exist in this organisation.", "teamId");
    });
  await checkKeyAttribution(tx, actor.orgId, { dimensions: policy.dimensions, requestTags: policy.requestTags, teamId: policy.teamId });
  const { secret, hash, displayPrefix } = generateSecret(VIRTUAL_KEY_PREFIX);
  const created = await tx.virtualKey.create({
    data: {
      ...policy,
      orgId: actor.orgId,
      hash,
      prefix: displayPrefix,
      ownerUserId,
      createdById: actorUserId(actor),
      budgets: { create: budgets.map((b) => ({ ...b, orgId: actor.orgId, scope: "key" as const })) },
    },
    select: { id: true, name: true, prefix: true },
  });
  await recordAudit(tx, actor, { action: "key.created", targetType: "key", targetId: created.id, metadata: { name: created.name } });
  return { ...created, secret };
}
