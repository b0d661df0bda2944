import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { InvalidRequestError, NotFoundError } from "@/lib/errors";
import { decryptSecret } from "@/lib/security/secret-box";
import type { CreatedKey } from "@/lib/keys/create";
import { RequestIdInput } from "@/lib/key-requests/schemas";

/**
 * Hands the requester the secret of the key minted on approval, exactly once: the ciphertext
 * is erased in the same statement that claims it, so a second call (or a racing one) gets
 * nothing. Only the requester may reveal it; not even an admin can read someone else's.
 */
export async function revealApprovedKey({ actor, input }: { actor: Actor; input: RequestIdInput }): Promise<CreatedKey> {
  requirePermission(actor, "keys.write.own");
  const { requestId } = RequestIdInput.parse(input);
  const requesterId = actorUserId(actor);
  return db.$transaction(async (tx) => {
    const request = await tx.keyRequest.findFirst({
      where: { id: requestId, orgId: actor.orgId, requesterId: requesterId ?? "__nobody__", status: "approved" },
      select: { id: true, encryptedSecret: true, key: { select: { id: true, name: true, prefix: true } } },
    });
    if (!request?.key) throw new NotFoundError("request_not_found", "No approved request of yours has that id.", "requestId");
    const { count } = await tx.keyRequest.updateMany({
      where: { id: request.id, encryptedSecret: { not: null } },
      data: { encryptedSecret: null, secretRevealedAt: new Date() },
    });
    if (count !== 1 || !request.encryptedSecret)
      throw new InvalidRequestError("This key was already shown once. Rotate it to get a new secret.", "requestId", "secret_already_revealed", 410);
    await recordAudit(tx, actor, { action: "key_request.secret_revealed", targetType: "key", targetId: request.key.id });
    return { ...request.key, secret: decryptSecret(request.encryptedSecret) };
  });
}
