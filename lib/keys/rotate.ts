import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { generateSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";
import { decryptSecret, encryptSecret } from "@/lib/security/secret-box";
import { InvalidRequestError } from "@/lib/errors";
import type { CreatedKey } from "@/lib/keys/create";

const MAX_GRACE_SECONDS = 7 * 24 * 3600;

export type RotateKeyInput = { keyId: string; gracePeriodSeconds?: number; idempotencyKey?: string };

/**
 * Issues a new secret for the same key (id, policy and budgets unchanged). The old secret keeps
 * working for the grace period, then is rejected. With an idempotency key a retried call returns
 * the same new secret (kept encrypted, never in clear) instead of rotating twice.
 */
export async function rotateKey({ actor, input }: { actor: Actor; input: RotateKeyInput }): Promise<CreatedKey> {
  requirePermission(actor, "keys.write.own");
  const grace = input.gracePeriodSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_SECONDS)
    throw new InvalidRequestError(`gracePeriodSeconds must be an integer from 0 to ${MAX_GRACE_SECONDS}.`, "gracePeriodSeconds", "invalid_value");
  const key = await getKeyOrThrow(actor, input.keyId, "write");
  if (key.status === "revoked") throw new InvalidRequestError("A revoked key cannot be rotated.", "id", "key_revoked");

  const idempotency = input.idempotencyKey ? { orgId: actor.orgId, operation: `key.rotate:${key.id}`, key: input.idempotencyKey } : null;
  if (idempotency) {
    const previous = await db.idempotencyRecord.findUnique({ where: { orgId_operation_key: idempotency } });
    if (previous) return replay(previous.response);
  }

  const { secret, hash, displayPrefix } = generateSecret(VIRTUAL_KEY_PREFIX);
  const now = Date.now();
  const result = await db.$transaction(async (tx) => {
    const current = await tx.virtualKey.findUniqueOrThrow({ where: { id: key.id }, select: { hash: true } });
    await tx.virtualKey.update({
      where: { id: key.id },
      data: {
        hash,
        prefix: displayPrefix,
        rotatedAt: new Date(now),
        previousHash: grace > 0 ? current.hash : null,
        previousHashExpiresAt: grace > 0 ? new Date(now + grace * 1000) : null,
      },
    });
    const created: CreatedKey = { id: key.id, name: key.name, prefix: displayPrefix, secret };
    if (idempotency)
      await tx.idempotencyRecord.create({
        data: { ...idempotency, response: { id: key.id, name: key.name, prefix: displayPrefix, box: encryptSecret(secret) } },
      });
    await recordAudit(tx, actor, { action: "key.rotated", targetType: "key", targetId: key.id, metadata: { gracePeriodSeconds: grace } });
    return created;
  });
  await publishInvalidation({ kind: "key", keyId: key.id });
  return result;
}

function replay(response: unknown): CreatedKey {
  const r = response as { id: string; name: string; prefix: string; box: string };
  return { id: r.id, name: r.name, prefix: r.prefix, secret: decryptSecret(r.box) };
}
