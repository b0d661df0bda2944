// Teams, users (org members) and key requests over raw HTTP: each write lands through the domain
// verbs (checked in the audit log), each operation is scoped, and another org's ids are not found.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";

let app: TestGateway;
let t: ApiOrg;
let other: ApiOrg;
let api: ReturnType<typeof managementClient>;
let readOnly: ReturnType<typeof managementClient>;
let otherApi: ReturnType<typeof managementClient>;
let tokenId: string;

beforeAll(async () => {
  app = await startAppServer();
  [t, other] = await Promise.all([createApiOrg(), createApiOrg()]);
  const token = await t.token(["admin"]);
  tokenId = token.id;
  api = managementClient(app.url, token.secret);
  readOnly = managementClient(app.url, (await t.token(["keys:read", "usage:read"])).secret);
  otherApi = managementClient(app.url, (await other.token(["admin"])).secret);
});
afterAll(() => app.close());

async function auditActions(targetId: string) {
  const events = await db.auditEvent.findMany({ where: { orgId: t.org.id, targetId }, orderBy: { createdAt: "asc" } });
  for (const e of events) expect(e).toMatchObject({ actorType: "token", actorId: tokenId });
  return events.map((e) => e.action);
}

const ASK = { models: ["gpt-4o*"], rpmLimit: 100, tpmLimit: null, spendCapUsd: 50, spendPeriod: "monthly", expiresInDays: 30 };
const fileRequest = (org: ApiOrg, name = "eval key") =>
  db.keyRequest.create({
    data: { orgId: org.org.id, requesterId: org.developer.id, name, requestedPolicy: ASK, justification: "Running the eval suite on gpt-4o." },
  });

describe("teams", () => {
  it("creates, lists, reads, renames, caps a team and manages its members", async () => {
    const created = await api.call("createTeam", { body: { name: "Platform Eng", spend_limit_usd: 500, spend_reset_period: "weekly" } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      object: "team",
      name: "Platform Eng",
      slug: "platform-eng",
      member_count: 0,
      members: [],
      spend_limit_usd: 500,
      spend_reset_period: "weekly",
      limits: [{ type: "spend", amount: 500, period: "weekly" }],
    });
    expect(await auditActions(id)).toEqual(["team.created"]);

    const withLimits = await api.call("createTeam", { body: { name: "Research", slug: "res", limits: [{ type: "spend", amount: 20 }] } });
    expect(withLimits.body).toMatchObject({ slug: "res", spend_limit_usd: 20, spend_reset_period: "monthly" });
    expect((await api.call("createTeam", { body: { name: "Again", slug: "res" } })).status).toBe(409);

    const listed = await api.call("listTeams");
    expect(listed.body.data.map((x: { name: string }) => x.name)).toEqual(["Platform Eng", "Research"]);
    const page = await api.call("listTeams", { query: { limit: "1" } });
    expect(page.body).toMatchObject({ has_more: true, next_cursor: id });
    expect((await api.call("listTeams", { query: { limit: "1", after: id } })).body).toMatchObject({ has_more: false, data: [{ id: withLimits.body.id }] });

    const renamed = await api.call("updateTeam", { params: { id }, body: { name: "Platform", limits: [] } });
    expect(renamed.body).toMatchObject({ name: "Platform", slug: "platform-eng", spend_limit_usd: null, limits: [] });
    expect(await auditActions(id)).toEqual(["team.created", "team.updated", "budget.updated"]);
    const capped = await api.call("updateTeam", { params: { id }, body: { spend_limit_usd: 75, spend_reset_period: null } });
    expect(capped.body).toMatchObject({ spend_limit_usd: 75, spend_reset_period: null, limits: [{ amount: 75, period: null }] });

    const added = await api.call("addTeamMember", { params: { id }, body: { user_email: t.developer.email.toUpperCase() } });
    expect(added.body).toMatchObject({ member_count: 1, members: [{ user_id: t.developer.id, email: t.developer.email }] });
    expect((await api.call("addTeamMember", { params: { id }, body: { user_email: t.developer.email } })).body.member_count).toBe(1);
    expect((await api.call("getTeam", { params: { id } })).body.members).toHaveLength(1);
    expect((await api.call("listTeams")).body.data.find((x: { id: string }) => x.id === id).member_count).toBe(1);

    const removed = await api.call("removeTeamMember", { params: { id, user_id: t.developer.id } });
    expect(removed.body).toMatchObject({ member_count: 0, members: [] });
    expect((await auditActions(id)).slice(-2)).toEqual(["team.member_added", "team.member_removed"]);

    // Degrade rules: set, read back as stored, refused with the field named when malformed.
    expect((await api.call("getTeam", { params: { id } })).body.degrade_rules).toEqual([]);
    const rules = [
      { name: "cheaper", at_percent: 80, route: { from: "gpt-4o*", to: "gpt-4o-mini" } },
      { name: "slow", at_percent: 95, throttle_rpm: 10 },
    ];
    const degraded = await api.call("updateTeam", { params: { id }, body: { degrade_rules: rules } });
    expect(degraded.body).toMatchObject({ name: "Platform", degrade_rules: rules });
    expect((await api.call("getTeam", { params: { id } })).body.degrade_rules).toEqual(rules);
    expect((await db.team.findUniqueOrThrow({ where: { id } })).degradeRules).toEqual([
      { name: "cheaper", atPercent: 80, route: { from: "gpt-4o*", to: "gpt-4o-mini" } },
      { name: "slow", atPercent: 95, throttleRpm: 10 },
    ]);
    const bad = await api.call("updateTeam", { params: { id }, body: { degrade_rules: [{ name: "x", at_percent: 150, throttle_rpm: 1 }] } });
    expect(bad).toMatchObject({ status: 400, body: { error: { param: "degrade_rules[0].at_percent" } } });

    // A key's rules read back the same way.
    const key = await api.call("createKey", { body: { name: "degrading", degrade_rules: rules.slice(0, 1) } });
    expect(key.body.degrade_rules).toEqual(rules.slice(0, 1));
    expect((await api.call("getKey", { params: { id: key.body.id } })).body.degrade_rules).toEqual(rules.slice(0, 1));
  });

  it("names the field of a bad body", async () => {
    const cases: [unknown, string][] = [
      [{}, "name"],
      [{ name: "" }, "name"],
      [{ name: "X", slug: "Not A Slug!" }, "slug"],
      [{ name: "X", limits: [{ type: "tokens", amount: 5 }] }, "limits[0].type"],
      [{ name: "X", spend_limit_usd: -1 }, "spend_limit_usd"],
      [{ name: "X", spend_reset_period: "daily" }, "spend_reset_period"],
      [{ name: "X", spend_limit_usd: 5, limits: [] }, "limits"],
      [{ name: "X", members: [] }, "members"],
    ];
    for (const [body, param] of cases) {
      const res = await api.call("createTeam", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
    const { body: team } = await api.call("createTeam", { body: { name: "Bodies" } });
    const unknown = await api.call("addTeamMember", { params: { id: team.id }, body: { user_email: "nobody@example.test" } });
    expect(unknown).toMatchObject({ status: 400, body: { error: { param: "user_email" } } });
    expect((await api.call("addTeamMember", { params: { id: team.id }, body: { user_email: "not-an-email" } })).body.error.param).toBe("user_email");
    expect((await api.call("updateTeam", { params: { id: team.id }, body: { name: 5 } })).body.error.param).toBe("name");
  });

  it("refuses a token without the scope (403) and another org's token (404)", async () => {
    const { body: team } = await api.call("createTeam", { body: { name: "Private" } });
    expect((await readOnly.call("listTeams")).status).toBe(403);
    expect((await readOnly.call("createTeam", { body: { name: "Nope" } })).status).toBe(403);
    expect((await readOnly.call("getTeam", { params: { id: team.id } })).status).toBe(403);

    expect((await otherApi.call("getTeam", { params: { id: team.id } })).status).toBe(404);
    expect((await otherApi.call("updateTeam", { params: { id: team.id }, body: { name: "Stolen" } })).status).toBe(404);
    expect((await otherApi.call("updateTeam", { params: { id: team.id }, body: { spend_limit_usd: 1 } })).status).toBe(404);
    expect((await otherApi.call("addTeamMember", { params: { id: team.id }, body: { user_email: other.developer.email } })).status).toBe(404);
    expect((await otherApi.call("removeTeamMember", { params: { id: team.id, user_id: t.developer.id } })).status).toBe(404);
    expect((await otherApi.call("listTeams")).body.data.map((x: { id: string }) => x.id)).not.toContain(team.id);
    // Someone from another org cannot be added to this org's team either.
    expect((await api.call("addTeamMember", { params: { id: team.id }, body: { user_email: other.developer.email } })).status).toBe(400);
    expect((await api.call("removeTeamMember", { params: { id: team.id, user_id: other.developer.id } })).status).toBe(404);
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).name).toBe("Private");
  });
});

describe("users", () => {
  it("lists members and changes role, cap and active state", async () => {
    const listed = await api.call("listUsers");
    expect(listed.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: t.admin.id, object: "user", email: t.admin.email, role: "admin", active: true }),
        expect.objectContaining({ id: t.developer.id, role: "developer", teams: expect.any(Array), spend_limit_usd: null }),
      ]),
    );
    expect((await api.call("listUsers", { query: { limit: "1" } })).body).toMatchObject({ has_more: true, data: [expect.anything()] });

    const id = t.developer.id;
    const promoted = await api.call("updateUser", { params: { id }, body: { role: "approver", spend_limit_usd: 25 } });
    expect(promoted.body).toMatchObject({ id, role: "approver", spend_limit_usd: 25, spend_reset_period: "monthly", active: true });
    const capped = await api.call("updateUser", { params: { id }, body: { limits: [{ type: "spend", amount: 5, period: "daily" }] } });
    expect(capped.body).toMatchObject({ limits: [{ type: "spend", amount: 5, period: "daily" }] });

    const key = await db.virtualKey.create({ data: { orgId: t.org.id, name: "dev key", prefix: "sk-test", hash: `h-${id}`, ownerUserId: id } });
    const deactivated = await api.call("updateUser", { params: { id }, body: { active: false } });
    expect(deactivated.body).toMatchObject({ active: false });
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).status).not.toBe("active");
    expect((await api.call("updateUser", { params: { id }, body: { active: true, role: "developer", spend_limit_usd: null } })).body).toMatchObject({
      active: true,
      role: "developer",
      spend_limit_usd: null,
      limits: [],
    });
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["member.role_changed", "budget.updated"]));

    // The org must keep an active admin.
    const last = await api.call("updateUser", { params: { id: t.admin.id }, body: { role: "developer" } });
    expect(last).toMatchObject({ status: 400, body: { error: { code: "last_admin" } } });
  });

  it("names the field of a bad body, refuses a token without the scope and another org's token", async () => {
    const id = t.developer.id;
    for (const [body, param] of [
      [{ role: "owner" }, "role"],
      [{ active: "no" }, "active"],
      [{ limits: [{ type: "spend", amount: 0 }] }, "limits[0].amount"],
      [{ email: "x@example.test" }, "email"],
    ] as const) {
      const res = await api.call("updateUser", { params: { id }, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
    expect((await readOnly.call("listUsers")).status).toBe(403);
    expect((await readOnly.call("updateUser", { params: { id }, body: { role: "admin" } })).status).toBe(403);
    expect((await otherApi.call("updateUser", { params: { id }, body: { role: "admin" } })).status).toBe(404);
    expect((await otherApi.call("updateUser", { params: { id }, body: { active: false } })).status).toBe(404);
    expect((await otherApi.call("listUsers")).body.data.map((u: { id: string }) => u.id)).not.toContain(id);
    expect((await db.membership.findFirstOrThrow({ where: { orgId: t.org.id, userId: id } })).role).toBe("developer");
  });
});

describe("key requests", () => {
  it("lists by status with cursor pagination, approves with a lowered grant and denies with a reason", async () => {
    const first = await fileRequest(t, "first");
    const second = await fileRequest(t, "second");
    const third = await fileRequest(t, "third");

    const pending = await api.call("listKeyRequests", { query: { status: "pending", limit: "2" } });
    expect(pending.body.data.map((r: { id: string }) => r.id)).toEqual([third.id, second.id]);
    expect(pending.body).toMatchObject({ has_more: true, next_cursor: second.id });
    const rest = await api.call("listKeyRequests", { query: { status: "pending", limit: "2", after: second.id } });
    expect(rest.body).toMatchObject({ has_more: false, data: [{ id: first.id, requester_email: t.developer.email }] });
    expect(rest.body.data[0].requested).toEqual({
      allowed_models: ["gpt-4o*"],
      rpm_limit: 100,
      tpm_limit: null,
      spend_limit_usd: 50,
      spend_reset_period: "monthly",
      expires_in_days: 30,
    });

    const approved = await api.call("approveKeyRequest", { params: { id: first.id }, body: { spend_limit_usd: 10, rpm_limit: 50 } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: "approved",
      granted: { spend_limit_usd: 10, rpm_limit: 50, allowed_models: ["gpt-4o*"] },
      key_id: expect.any(String),
    });
    const key = await db.virtualKey.findUniqueOrThrow({ where: { id: approved.body.key_id }, include: { budgets: true } });
    expect(key).toMatchObject({ ownerUserId: t.developer.id, rpmLimit: 50 });
    expect(key.budgets.map((b) => Number(b.limit))).toEqual([10]);
    expect(await auditActions(first.id)).toEqual(["key_request.approved"]);

    const raised = await api.call("approveKeyRequest", { params: { id: second.id }, body: { spend_limit_usd: 500 } });
    expect(raised).toMatchObject({ status: 400, body: { error: { code: "grant_exceeds_request" } } });
    expect((await api.call("approveKeyRequest", { params: { id: second.id } })).body).toMatchObject({ status: "approved", granted: { spend_limit_usd: 50 } });
    expect((await api.call("approveKeyRequest", { params: { id: second.id } })).status).toBe(409);

    const denied = await api.call("denyKeyRequest", { params: { id: third.id }, body: { reason: "Use the shared eval key." } });
    expect(denied.body).toMatchObject({ status: "denied", reason: "Use the shared eval key.", key_id: null });
    expect(await auditActions(third.id)).toEqual(["key_request.denied"]);

    expect((await api.call("listKeyRequests", { query: { status: "pending" } })).body.data).toEqual([]);
    expect((await api.call("listKeyRequests", { query: { status: "denied" } })).body.data.map((r: { id: string }) => r.id)).toEqual([third.id]);
  });

  it("names the field of a bad body, refuses a token without the scope and another org's token", async () => {
    const request = await fileRequest(t);
    expect((await api.call("denyKeyRequest", { params: { id: request.id }, body: {} })).body.error.param).toBe("reason");
    expect((await api.call("approveKeyRequest", { params: { id: request.id }, body: { rpm_limit: "many" } })).body.error.param).toBe("rpm_limit");
    expect((await api.call("approveKeyRequest", { params: { id: request.id }, body: { owner_email: "x@example.test" } })).body.error.param).toBe("owner_email");
    expect((await api.call("listKeyRequests", { query: { status: "maybe" } })).body.error.param).toBe("status");

    expect((await readOnly.call("listKeyRequests")).status).toBe(403);
    expect((await readOnly.call("approveKeyRequest", { params: { id: request.id } })).status).toBe(403);
    expect((await readOnly.call("denyKeyRequest", { params: { id: request.id }, body: { reason: "No way." } })).status).toBe(403);

    expect((await otherApi.call("approveKeyRequest", { params: { id: request.id } })).status).toBe(404);
    expect((await otherApi.call("denyKeyRequest", { params: { id: request.id }, body: { reason: "No way." } })).status).toBe(404);
    expect((await otherApi.call("listKeyRequests")).body.data).toEqual([]);
    expect((await db.keyRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });
});
