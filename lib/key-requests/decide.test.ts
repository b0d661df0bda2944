import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashSecret } from "@/lib/security/tokens";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { denyKeyRequest } from "@/lib/key-requests/deny";
import { revealApprovedKey } from "@/lib/key-requests/reveal";
import { listMyRequests, listPendingRequests } from "@/lib/key-requests/list";
import { selfServiceCreateKey } from "@/lib/key-requests/self-service-create";
import { selfServiceUpdateKey } from "@/lib/key-requests/self-service-update";
import type { Actor } from "@/lib/auth/permissions";
import { withRequestOrigin } from "@/lib/audit/context";
import { createChildKey } from "@/lib/keys/create-child";
import { createGuardedOrg, DEFAULT_VALUES, type GuardedOrg } from "@/tests/helpers/guarded-org";

let t: GuardedOrg;
beforeAll(async () => {
  t = await createGuardedOrg();
});

const ORIGIN = { ip: "198.51.100.24", userAgent: "approver-browser" };
const DECISION = ["key_request.approved", "key.updated"];
const ASK = { ...DEFAULT_VALUES, models: ["echo", "gpt-4o*"], spendCapUsd: 10 };

async function request(actor: Actor = t.developer.actor, values = ASK): Promise<string> {
  const result = await selfServiceCreateKey({ actor, input: { name: "wide", values, justification: "Trying gpt-4o for the eval suite." } });
  if (result.kind !== "requested") throw new Error("expected a request");
  return result.requestId;
}

describe("approveKeyRequest", () => {
  it("mints the key for the requester with the lowered grant and reveals its secret once", async () => {
    const requestId = await request();
    const granted = { ...ASK, spendCapUsd: 0.000001 };
    const { keyId } = await approveKeyRequest({ actor: t.approver.actor, input: { requestId, granted } });

    const key = await db.virtualKey.findUniqueOrThrow({ where: { id: keyId }, include: { budgets: true } });
    expect(key).toMatchObject({ ownerUserId: t.developer.user.id, createdById: t.approver.user.id, allowedModels: ["echo", "gpt-4o*"] });
    expect(key.budgets.map((b) => Number(b.limit))).toEqual([0.000001]);
    const stored = await db.keyRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(stored).toMatchObject({ status: "approved", keyId, decidedById: t.approver.user.id, grantedPolicy: granted });
    expect(stored.encryptedSecret).toMatch(/^v2:[0-9a-f]{8}:/); // sealed under the current key

    await expect(revealApprovedKey({ actor: t.admin.actor, input: { requestId } })).rejects.toMatchObject({ status: 404 });
    const revealed = await revealApprovedKey({ actor: t.developer.actor, input: { requestId } });
    expect(hashSecret(revealed.secret)).toBe(key.hash);
    expect(stored.encryptedSecret).not.toContain(revealed.secret.slice(9));
    await expect(revealApprovedKey({ actor: t.developer.actor, input: { requestId } })).rejects.toMatchObject({ code: "secret_already_revealed" });
    expect(await db.keyRequest.findUnique({ where: { id: requestId } })).toMatchObject({ encryptedSecret: null, secretRevealedAt: expect.any(Date) });
  });

  it("refuses to grant more than was asked", async () => {
    const requestId = await request();
    await expect(approveKeyRequest({ actor: t.approver.actor, input: { requestId, granted: { ...ASK, spendCapUsd: 50 } } })).rejects.toMatchObject({
      code: "grant_exceeds_request",
    });
    expect(await db.keyRequest.findUnique({ where: { id: requestId } })).toMatchObject({ status: "pending" });
  });

  it("does not let an approver approve their own request", async () => {
    const requestId = await request(t.approver.actor);
    await expect(approveKeyRequest({ actor: t.approver.actor, input: { requestId } })).rejects.toMatchObject({ code: "own_request", status: 403 });
    await expect(denyKeyRequest({ actor: t.approver.actor, input: { requestId, reason: "self" } })).rejects.toMatchObject({ code: "own_request" });
    await approveKeyRequest({ actor: t.secondApprover.actor, input: { requestId } });
  });

  it("does not let a developer decide", async () => {
    const requestId = await request(t.approver.actor);
    await expect(approveKeyRequest({ actor: t.developer.actor, input: { requestId } })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(denyKeyRequest({ actor: t.developer.actor, input: { requestId, reason: "no" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listPendingRequests({ actor: t.developer.actor })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("cannot touch another org's request", async () => {
    const requestId = await request();
    const other = await createGuardedOrg();
    await expect(approveKeyRequest({ actor: other.approver.actor, input: { requestId } })).rejects.toMatchObject({ status: 404 });
    await expect(denyKeyRequest({ actor: other.admin.actor, input: { requestId, reason: "not yours" } })).rejects.toMatchObject({ status: 404 });
    await expect(revealApprovedKey({ actor: other.developer.actor, input: { requestId } })).rejects.toMatchObject({ status: 404 });
    expect((await listPendingRequests({ actor: other.approver.actor })).map((r) => r.id)).not.toContain(requestId);
  });

  it("lets exactly one of two racing approvers win", async () => {
    const requestId = await request();
    const results = await Promise.allSettled([
      approveKeyRequest({ actor: t.approver.actor, input: { requestId } }),
      approveKeyRequest({ actor: t.secondApprover.actor, input: { requestId } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.virtualKey.count({ where: { orgId: t.org.id, request: { id: requestId } } })).toBe(1);
  });

  it("applies an approved change to an existing key", async () => {
    const created = await selfServiceCreateKey({ actor: t.developer.actor, input: { name: "to-raise", values: DEFAULT_VALUES } });
    if (created.kind !== "granted") throw new Error("expected a key");
    const asked = await selfServiceUpdateKey({
      actor: t.developer.actor,
      input: { keyId: created.key.id, values: { ...DEFAULT_VALUES, rpmLimit: 5000 }, justification: "Backfill job needs a higher rate." },
    });
    if (asked.kind !== "requested") throw new Error("expected a request");
    const granted = { ...DEFAULT_VALUES, rpmLimit: 1200 };
    await withRequestOrigin(ORIGIN, () => approveKeyRequest({ actor: t.approver.actor, input: { requestId: asked.requestId, granted } }));
    expect(await db.virtualKey.findUnique({ where: { id: created.key.id } })).toMatchObject({ rpmLimit: 1200 });
    // The decision and the change are both the approver's, from where they acted.
    const audited = await db.auditEvent.findMany({ where: { orgId: t.org.id, targetId: { in: [asked.requestId, created.key.id] }, action: { in: DECISION } } });
    expect(audited.map((e) => [e.action, e.actorId, e.ip]).sort()).toEqual([
      ["key.updated", t.approver.user.id, ORIGIN.ip],
      ["key_request.approved", t.approver.user.id, ORIGIN.ip],
    ]);
  });

  it("leaves the request pending, with no approval recorded, when the key refuses the change", async () => {
    const created = await selfServiceCreateKey({ actor: t.developer.actor, input: { name: "delegating", values: DEFAULT_VALUES } });
    if (created.kind !== "granted") throw new Error("expected a key");
    await db.virtualKey.update({ where: { id: created.key.id }, data: { maxChildKeys: 2 } });
    const child = await createChildKey({ actor: t.developer.actor, parentKeyId: created.key.id, input: { name: "run", budgetUsd: 1, ttlSeconds: 3600 } });
    // A child's budget is carved out of its parent's, so the key update inside the approval refuses it.
    const asked = await selfServiceUpdateKey({
      actor: t.developer.actor,
      input: { keyId: child.id, values: { ...DEFAULT_VALUES, rpmLimit: 5000, expiresInDays: null }, justification: "The run needs a higher rate." },
    });
    if (asked.kind !== "requested") throw new Error("expected a request");

    await expect(withRequestOrigin(ORIGIN, () => approveKeyRequest({ actor: t.approver.actor, input: { requestId: asked.requestId } }))).rejects.toMatchObject({
      code: "exceeds_parent",
    });
    expect(await db.keyRequest.findUnique({ where: { id: asked.requestId } })).toMatchObject({ status: "pending", decidedById: null, grantedPolicy: null });
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, targetId: { in: [asked.requestId, child.id] }, action: { in: DECISION } } })).toBe(0);
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: child.id } })).rpmLimit).not.toBe(5000);
  });
});

describe("denyKeyRequest and the queues", () => {
  it("shows the approver what was asked against which guardrail, and the requester the reason", async () => {
    const requestId = await request();
    const pending = (await listPendingRequests({ actor: t.approver.actor })).find((r) => r.id === requestId);
    expect(pending).toMatchObject({
      requester: { email: t.developer.user.email },
      justification: "Trying gpt-4o for the eval suite.",
      exceeded: [{ field: "models", asked: ["gpt-4o*"], allowed: ["echo", "gpt-4o-mini*"] }],
      requesterSpend30d: 0,
      ownRequest: false,
    });

    await expect(denyKeyRequest({ actor: t.approver.actor, input: { requestId, reason: "" } })).rejects.toMatchObject({ name: "ZodError" });
    await denyKeyRequest({ actor: t.approver.actor, input: { requestId, reason: "Use the shared eval key instead." } });
    const mine = await listMyRequests({ actor: t.developer.actor });
    expect(mine.find((r) => r.id === requestId)).toMatchObject({ status: "denied", reason: "Use the shared eval key instead.", secretWaiting: false });
    await expect(approveKeyRequest({ actor: t.approver.actor, input: { requestId } })).rejects.toMatchObject({ code: "request_not_pending", status: 409 });
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, action: "key_request.denied", targetId: requestId } })).toBe(1);
  });
});
