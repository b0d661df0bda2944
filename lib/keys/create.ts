import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { generateSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";
import { InvalidRequestError } from "@/lib/errors";
import { CreateKeyInput } from "@/lib/keys/schemas";

export type CreatedKey = { id: string; name: string; prefix: string; secret: string };

/** Mints a virtual key. The raw secret is returned once and never stored. */
export async function createKey({ actor, input }: { actor: Actor; input: CreateKeyInput }): Promise<CreatedKey> {
  const data = CreateKeyInput.parse(input);
  const ownerUserId = data.ownerUserId === undefined ? actorUserId(actor) : data.ownerUserId;
  requirePermission(actor, ownerUserId !== null && ownerUserId === actorUserId(actor) ? "keys.write.own" : "keys.write.all");
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) throw new InvalidRequestError("`expiresAt` must be in the future.", "expiresAt");

  const { secret, hash, displayPrefix } = generateSecret(VIRTUAL_KEY_PREFIX);
  const { budgets, ...policy } = data;
  const key = await db.$transaction(async (tx) => {
    if (ownerUserId) await tx.membership.findFirstOrThrow({ where: { orgId: actor.orgId, userId: ownerUserId, active: true } }).catch(() => {
      throw new InvalidRequestError("The owner is not an active member of this organisation.", "ownerUserId");
    });
    if (policy.teamId) await tx.team.findFirstOrThrow({ where: { id: policy.teamId, orgId: actor.orgId } }).catch(() => {
      throw new InvalidRequestError("The team does not exist in this organisation.", "teamId");
    });
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
    return created;
  });
  return { ...key, secret };
}
