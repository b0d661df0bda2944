// Approving a key request: a new key minted for the requester, or a change applied to theirs,
// in one transaction with the decision.
import { db } from "@/lib/db";
import { actorUserId, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { InvalidRequestError, NotFoundError, PermissionError } from "@/lib/errors";
import { looserFields } from "@/lib/guardrails/evaluate";
import { toKeyPolicy, toKeyUpdate } from "@/lib/guardrails/key-values";
import { KeyValues } from "@/lib/guardrails/schemas";
import { mintKey } from "@/lib/keys/create";
import { AttributionAsk } from "@/lib/attribution/schemas";
import { KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";
import { CreateKeyInput } from "@/lib/keys/schemas";
import { updateKeyTx } from "@/lib/keys/update";
import { publishInvalidation } from "@/lib/invalidation";
import { encryptSecret } from "@/lib/security/secret-box";
import { claimPending, getRequestOrThrow, type RequestRow } from "@/lib/key-requests/queries";
import { ApproveKeyRequestInput } from "@/lib/key-requests/schemas";
import { notifyRequestDecided } from "@/lib/notify/key-requests";
import { writeKeyTools } from "@/lib/mcp/policy/key-tools";

/** Deciding your own request would make the approval step meaningless. */
export function assertNotOwnRequest(actor: Actor, request: Pick<RequestRow, "requesterId">): void {
  if (request.requesterId === actorUserId(actor)) throw new PermissionError("own_request", "You cannot decide your own request; another approver must.");
}

/**
 * Grants a request, optionally lowering what was asked. A `create` request mints the key for
 * the requester in the same transaction as the decision; its secret is kept encrypted until
 * the requester reveals it once. An `update` request applies the granted policy to the key.
 */
export async function approveKeyRequest({ actor, input }: { actor: Actor; input: ApproveKeyRequestInput }): Promise<{ keyId: string }> {
  requirePermission(actor, "approvals.decide");
  const data = ApproveKeyRequestInput.parse(input);
  const request = await getRequestOrThrow(actor.orgId, data.requestId);
  assertNotOwnRequest(actor, request);
  if (request.status !== "pending")
    throw new InvalidRequestError("This request has already been decided or cancelled.", "requestId", "request_not_pending", 409);

  const asked = KeyValues.parse(request.requestedPolicy);
  // A grant that says nothing of MCP tools (the portal's form has no such field) grants the tools asked.
  const granted = data.granted ? { ...data.granted, tools: data.granted.tools ?? asked.tools } : asked;
  const raised = looserFields(granted, asked);
  if (raised.length) throw new InvalidRequestError(`You can lower what was asked, not raise it (${raised.join(", ")}).`, raised[0], "grant_exceeds_request");
  const decision = { status: "approved" as const, decidedById: actorUserId(actor), decidedAt: new Date(), grantedPolicy: granted };
  const lowered = looserFields(asked, granted);

  const keyId =
    request.kind === "create"
      ? await approveCreate(actor, request, granted, decision, lowered)
      : await approveUpdate(actor, request, granted, decision, lowered);
  notifyRequestDecided(actor.orgId, request.id);
  return { keyId };
}

type Decision = { status: "approved"; decidedById: string | null; decidedAt: Date; grantedPolicy: KeyValues };

async function approveCreate(actor: Actor, request: RequestRow, granted: KeyValues, decision: Decision, lowered: string[]): Promise<string> {
  // The kind and attribution asked for travel with the request; approvers grant policy, not these.
  const attribution = AttributionAsk.safeParse((request.requestedPolicy as { attribution?: unknown } | null)?.attribution);
  const keyInput = CreateKeyInput.parse({
    name: request.name,
    teamId: request.teamId,
    ...(attribution.success ? attribution.data : {}),
    ...toKeyPolicy(granted),
  });
  return db.$transaction(async (tx) => {
    await claimPending(tx, actor.orgId, request.id, decision);
    // The approver mints the key (and is recorded as its creator); the requester owns it.
    const key = await mintKey(tx, actor, { ...keyInput, ownerUserId: request.requesterId });
    if (granted.tools?.length) await writeKeyTools(tx, actor, key.id, granted.tools);
    await tx.keyRequest.update({ where: { id: request.id }, data: { keyId: key.id, encryptedSecret: encryptSecret(key.secret) } });
    await recordAudit(tx, actor, { action: "key_request.approved", targetType: "key_request", targetId: request.id, metadata: { keyId: key.id, lowered } });
    return key.id;
  });
}

/**
 * The decision and the key change commit together, both audited as the approver: a change the
 * key refuses (a revocation since it was asked, a child key's carved budget) leaves the request
 * pending with no approval recorded. Approvers may not hold keys.write.all; the approval itself
 * authorises this one change.
 */
async function approveUpdate(actor: Actor, request: RequestRow, granted: KeyValues, decision: Decision, lowered: string[]): Promise<string> {
  const targetKeyId = request.targetKeyId;
  if (!targetKeyId) throw new InvalidRequestError("This request names no key.", "requestId");
  await db.$transaction(async (tx) => {
    await claimPending(tx, actor.orgId, request.id, decision);
    const key = await tx.virtualKey.findFirst({ where: { id: targetKeyId, orgId: actor.orgId }, select: KEY_PUBLIC_FIELDS });
    if (!key) throw new NotFoundError("key_not_found", "No such key.", "requestId");
    if (key.status === "revoked") throw new InvalidRequestError("The key has been revoked since this was asked.", "requestId", "key_revoked", 409);
    await updateKeyTx(tx, actor, key, { keyId: key.id, ...toKeyUpdate(key, granted) });
    if (granted.tools !== undefined) await writeKeyTools(tx, actor, key.id, granted.tools);
    await recordAudit(tx, actor, { action: "key_request.approved", targetType: "key_request", targetId: request.id, metadata: { keyId: key.id, lowered } });
  });
  await publishInvalidation({ kind: "key", keyId: targetKeyId });
  return targetKeyId;
}
