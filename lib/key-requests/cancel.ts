import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { NotFoundError } from "@/lib/errors";
import { claimPending, getRequestOrThrow } from "@/lib/key-requests/queries";
import { RequestIdInput } from "@/lib/key-requests/schemas";

/** The requester withdraws a request still waiting for a decision. */
export async function cancelKeyRequest({ actor, input }: { actor: Actor; input: RequestIdInput }): Promise<void> {
  requirePermission(actor, "keys.write.own");
  const { requestId } = RequestIdInput.parse(input);
  const request = await getRequestOrThrow(actor.orgId, requestId);
  // Someone else's request reads as missing, not forbidden: its existence is not the caller's business.
  if (request.requesterId !== actorUserId(actor)) throw new NotFoundError("request_not_found", "No such key request.", "requestId");
  await db.$transaction(async (tx) => {
    await claimPending(tx, actor.orgId, request.id, { status: "cancelled", decidedAt: new Date() });
    await recordAudit(tx, actor, { action: "key_request.cancelled", targetType: "key_request", targetId: request.id });
  });
}
