import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { assertNotOwnRequest } from "@/lib/key-requests/approve";
import { claimPending, getRequestOrThrow } from "@/lib/key-requests/queries";
import { DenyKeyRequestInput } from "@/lib/key-requests/schemas";
import { notifyRequestDecided } from "@/lib/notify/key-requests";

/** Refuses a request; the reason is shown to the requester, so it is required. */
export async function denyKeyRequest({ actor, input }: { actor: Actor; input: DenyKeyRequestInput }): Promise<void> {
  requirePermission(actor, "approvals.decide");
  const data = DenyKeyRequestInput.parse(input);
  const request = await getRequestOrThrow(actor.orgId, data.requestId);
  assertNotOwnRequest(actor, request);
  await db.$transaction(async (tx) => {
    await claimPending(tx, actor.orgId, request.id, { status: "denied", reason: data.reason, decidedById: actorUserId(actor), decidedAt: new Date() });
    await recordAudit(tx, actor, { action: "key_request.denied", targetType: "key_request", targetId: request.id, metadata: { reason: data.reason } });
  });
  notifyRequestDecided(actor.orgId, request.id);
}
