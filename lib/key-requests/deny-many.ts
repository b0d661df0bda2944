import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { DenyKeyRequestsInput } from "@/lib/key-requests/schemas";
import { notifyRequestDecided } from "@/lib/notify/key-requests";

/**
 * Denies several requests with one reason (triage of a flood). One transaction: each request
 * still pending in this org and not the approver's own is denied and audited; the others are
 * skipped and counted, so a request decided meanwhile by someone else is never overwritten.
 */
export async function denyKeyRequests({ actor, input }: { actor: Actor; input: DenyKeyRequestsInput }): Promise<{ denied: number; skipped: number }> {
  requirePermission(actor, "approvals.decide");
  const { requestIds, reason } = DenyKeyRequestsInput.parse(input);
  const ids = [...new Set(requestIds)];
  const me = actorUserId(actor);
  const denied = await db.$transaction(async (tx) => {
    const done: string[] = [];
    for (const id of ids) {
      const { count } = await tx.keyRequest.updateMany({
        where: { id, orgId: actor.orgId, status: "pending", ...(me ? { requesterId: { not: me } } : {}) },
        data: { status: "denied", reason, decidedById: me, decidedAt: new Date() },
      });
      if (count !== 1) continue;
      await recordAudit(tx, actor, { action: "key_request.denied", targetType: "key_request", targetId: id, metadata: { reason, bulk: true } });
      done.push(id);
    }
    return done;
  });
  for (const id of denied) notifyRequestDecided(actor.orgId, id);
  return { denied: denied.length, skipped: ids.length - denied.length };
}
