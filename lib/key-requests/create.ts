import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { InvalidRequestError, PermissionError } from "@/lib/errors";
import { isTeamMember } from "@/lib/guardrails/queries";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { countPendingRequests } from "@/lib/key-requests/queries";
import { CreateKeyRequestInput } from "@/lib/key-requests/schemas";
import { notifyRequestCreated } from "@/lib/notify/key-requests";
import { assertPlanAllows } from "@/lib/billing/plan-limits";

/** Enough for real needs; stops one person from flooding the approvers' queue. */
const MAX_PENDING_PER_PERSON = 10;

/**
 * Files a request for a key (or a change to one) beyond the guardrails. Only people can ask:
 * the approved key is handed to the requester, so a token has nobody to hand it to.
 */
export async function createKeyRequest({ actor, input }: { actor: Actor; input: CreateKeyRequestInput }): Promise<{ id: string }> {
  requirePermission(actor, "keys.write.own");
  await assertPlanAllows(actor.orgId, "approvals");
  const data = CreateKeyRequestInput.parse(input);
  const requesterId = actorUserId(actor);
  if (!requesterId) throw new PermissionError("user_required", "Only a signed-in person can request a key.");
  if (data.kind === "update") {
    if (!data.targetKeyId) throw new InvalidRequestError("Say which key to change.", "targetKeyId");
    await getKeyOrThrow(actor, data.targetKeyId, "write");
  }
  if (data.teamId && !(await isTeamMember(actor.orgId, data.teamId, requesterId)))
    throw new PermissionError("not_team_member", "You can only request keys for teams you belong to.");
  if ((await countPendingRequests(actor.orgId, requesterId)) >= MAX_PENDING_PER_PERSON)
    throw new InvalidRequestError(
      `You already have ${MAX_PENDING_PER_PERSON} requests waiting. Cancel one or wait for a decision.`,
      null,
      "too_many_pending_requests",
      429,
    );

  const request = await db.$transaction(async (tx) => {
    const row = await tx.keyRequest.create({
      data: {
        orgId: actor.orgId,
        kind: data.kind,
        requesterId,
        teamId: data.teamId,
        targetKeyId: data.kind === "update" ? data.targetKeyId : null,
        name: data.name,
        requestedPolicy: data.attribution ? { ...data.values, attribution: data.attribution } : data.values,
        justification: data.justification,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "key_request.created",
      targetType: "key_request",
      targetId: row.id,
      metadata: { kind: data.kind, name: data.name },
    });
    return row;
  });
  notifyRequestCreated(actor.orgId, request.id);
  return request;
}
