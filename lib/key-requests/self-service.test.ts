import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { selfServiceCreateKey } from "@/lib/key-requests/self-service-create";
import { selfServiceUpdateKey } from "@/lib/key-requests/self-service-update";
import { cancelKeyRequest } from "@/lib/key-requests/cancel";
import { createGuardedOrg, DEFAULT_VALUES, GUARDRAILS, type GuardedOrg } from "@/tests/helpers/guarded-org";

let t: GuardedOrg;
beforeAll(async () => {
  t = await createGuardedOrg();
});

const create = (actor: GuardedOrg["developer"]["actor"], over: Partial<typeof DEFAULT_VALUES> = {}, extra: { justification?: string; teamId?: string } = {}) =>
  selfServiceCreateKey({ actor, input: { name: `k-${Math.random().toString(36).slice(2, 7)}`, values: { ...DEFAULT_VALUES, ...over }, ...extra } });

describe("selfServiceCreateKey", () => {
  it("grants an ask within the guardrails at once, owned by the developer", async () => {
    const result = await create(t.developer.actor);
    expect(result.kind).toBe("granted");
    if (result.kind !== "granted") return;
    expect(result.key.secret).toMatch(/^sk-latch-/);
    const key = await db.virtualKey.findUniqueOrThrow({ where: { id: result.key.id }, include: { budgets: true } });
    expect(key).toMatchObject({ ownerUserId: t.developer.user.id, allowedModels: ["echo"], rpmLimit: 60, status: "active" });
    expect(key.budgets.map((b) => [b.kind, b.period, Number(b.limit)])).toEqual([["spend", "monthly", 5]]);
    expect(Math.round((key.expiresAt!.getTime() - Date.now()) / 86_400_000)).toBe(30);
  });

  it("turns an ask beyond the guardrails into a request, and needs a justification for it", async () => {
    await expect(create(t.developer.actor, { models: ["echo", "gpt-4o*"] })).rejects.toMatchObject({ code: "justification_required" });
    const result = await create(t.developer.actor, { models: ["echo", "gpt-4o*"] }, { justification: "Evaluating gpt-4o for the support bot." });
    expect(result).toMatchObject({ kind: "requested", exceeded: [{ field: "models", asked: ["gpt-4o*"] }] });
    if (result.kind !== "requested") return;
    const request = await db.keyRequest.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(request).toMatchObject({ status: "pending", kind: "create", requesterId: t.developer.user.id, keyId: null, encryptedSecret: null });
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, action: "key_request.created", targetId: request.id } })).toBe(1);
  });

  it("refuses outright what the approval rules forbid", async () => {
    await expect(create(t.developer.actor, { tpmLimit: 1_000_000 }, { justification: "Big batch job tonight." })).resolves.toMatchObject({ kind: "granted" });
    const capped = await createGuardedOrg();
    await db.organization.update({ where: { id: capped.org.id }, data: { maxKeyPolicy: { maxTpm: 1000 } } });
    await expect(create(capped.developer.actor, { tpmLimit: 5000 }, { justification: "Big batch job tonight." })).rejects.toMatchObject({
      code: "guardrail_forbidden",
      status: 403,
    });
  });

  it("counts active keys per developer", async () => {
    const fresh = await createGuardedOrg();
    await db.organization.update({ where: { id: fresh.org.id }, data: { maxKeyPolicy: { ...GUARDRAILS.maxKeyPolicy, maxActiveKeys: 3 } } });
    for (let i = 0; i < 3; i++) expect((await create(fresh.developer.actor)).kind).toBe("granted");
    const fourth = await create(fresh.developer.actor, {}, { justification: "A fourth key for the staging cluster." });
    expect(fourth).toMatchObject({ kind: "requested", exceeded: [{ field: "activeKeys", asked: 4, allowed: 3 }] });
  });

  it("does not bind admins, who set the guardrails", async () => {
    const result = await create(t.admin.actor, { models: [], spendCapUsd: null, expiresInDays: null });
    expect(result.kind).toBe("granted");
  });

  it("creates team keys only for members of a team that allows them", async () => {
    const open = await t.team({ allowTeamKeys: true }, [t.developer.user.id]);
    const closed = await t.team({}, [t.developer.user.id]);
    const notMine = await t.team({ allowTeamKeys: true }, []);
    const granted = await create(t.developer.actor, {}, { teamId: open.id });
    expect(granted.kind).toBe("granted");
    if (granted.kind === "granted") expect(await db.virtualKey.findUnique({ where: { id: granted.key.id } })).toMatchObject({ teamId: open.id });
    await expect(create(t.developer.actor, {}, { teamId: closed.id, justification: "Shared key for the on-call rota." })).resolves.toMatchObject({
      kind: "requested",
      exceeded: [{ field: "teamKey" }],
    });
    await expect(create(t.developer.actor, {}, { teamId: notMine.id })).rejects.toMatchObject({ code: "not_team_member" });
  });

  it("lets the requester cancel a pending request, and nobody else", async () => {
    const result = await create(t.developer.actor, { rpmLimit: 5000 }, { justification: "Load test of the gateway." });
    if (result.kind !== "requested") throw new Error("expected a request");
    await expect(cancelKeyRequest({ actor: t.approver.actor, input: { requestId: result.requestId } })).rejects.toMatchObject({ status: 404 });
    await cancelKeyRequest({ actor: t.developer.actor, input: { requestId: result.requestId } });
    expect(await db.keyRequest.findUnique({ where: { id: result.requestId } })).toMatchObject({ status: "cancelled" });
  });
});

describe("selfServiceUpdateKey", () => {
  it("applies a change within the guardrails and files a request for one beyond them", async () => {
    const created = await create(t.developer.actor);
    if (created.kind !== "granted") throw new Error("expected a key");
    const keyId = created.key.id;
    expect(await selfServiceUpdateKey({ actor: t.developer.actor, input: { keyId, name: "renamed", values: { ...DEFAULT_VALUES, rpmLimit: 300 } } })).toEqual({
      kind: "updated",
    });
    expect(await db.virtualKey.findUnique({ where: { id: keyId } })).toMatchObject({ name: "renamed", rpmLimit: 300 });

    const asked = await selfServiceUpdateKey({
      actor: t.developer.actor,
      input: { keyId, values: { ...DEFAULT_VALUES, spendCapUsd: 100 }, justification: "The nightly evals need more budget." },
    });
    expect(asked).toMatchObject({ kind: "requested", exceeded: [{ field: "spendCapUsd", asked: 100, allowed: 20 }] });
    if (asked.kind === "requested")
      expect(await db.keyRequest.findUnique({ where: { id: asked.requestId } })).toMatchObject({ kind: "update", targetKeyId: keyId });
    const budgets = await db.budget.findMany({ where: { keyId } });
    expect(budgets.map((b) => Number(b.limit))).toEqual([5]);
  });

  it("cannot touch another person's key", async () => {
    const other = await create(t.admin.actor);
    if (other.kind !== "granted") throw new Error("expected a key");
    await expect(selfServiceUpdateKey({ actor: t.developer.actor, input: { keyId: other.key.id, values: DEFAULT_VALUES } })).rejects.toMatchObject({
      status: 404,
    });
  });
});
