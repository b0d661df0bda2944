// An Entra ID provisioning run end to end, in Entra's own dialect: UPN userNames, capitalised
// ops, filtered paths, string booleans, and group roles keyed by the group's object id (what
// Entra's groups claim carries at SSO sign-in).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create";
import { loadViewer } from "@/lib/auth/actor";
import { provisionSsoUser } from "@/lib/auth/provision";
import { callProxy, runFixture, startScimOrg } from "@/tests/helpers/scim";
import { APPROVERS_OBJECT_ID, ENTRA_USER_AGENT, entraHardDelete, entraRun } from "@/tests/scim/fixtures/entra";

let ctx: Awaited<ReturnType<typeof startScimOrg>>;
let ids: Record<string, string>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  ctx = await startScimOrg({ mappings: { [APPROVERS_OBJECT_ID]: "approver" }, userAgent: ENTRA_USER_AGENT });
});
afterAll(() => ctx.server.close());

describe("Entra ID provisioning run", () => {
  it("creates, groups and moves people, then disables one", async () => {
    const cut = entraRun.findIndex((s) => s.name.startsWith("Entra disables dana"));
    ids = await runFixture(ctx.scim, entraRun.slice(0, cut), { domain: ctx.domain, tenant: "contoso" });
    keys.dana = (await createKey({ actor: ctx.t.adminActor, input: { name: "dana notebook", ownerUserId: ids.dana! } })).secret;
    keys.platform = (await createKey({ actor: ctx.t.adminActor, input: { name: "platform deploy", ownerUserId: ids.dana!, teamId: ids.platform! } })).secret;
    expect(await callProxy(ctx.server.url, keys.dana)).toEqual({ status: 200, code: null });
    await runFixture(ctx.scim, entraRun.slice(cut), ids);
  });

  it("leaves members, roles and teams as Entra has them", async () => {
    const members = await db.membership.findMany({
      where: { orgId: ctx.t.org.id, userId: { in: [ids.dana!, ids.erin!, ids.frank!] } },
      select: { userId: true, role: true, active: true, scimUserName: true, user: { select: { email: true, name: true } } },
    });
    const byId = new Map(members.map((m) => [m.userId, m]));
    expect(byId.get(ids.dana!)).toMatchObject({
      active: false,
      role: "developer",
      scimUserName: "dana@contoso.onmicrosoft.com",
      user: { email: `dana@${ctx.domain}` },
    });
    expect(byId.get(ids.erin!)).toMatchObject({ active: true, role: "approver", user: { email: `erin.evans@${ctx.domain}`, name: "Erin Evans-Smith" } });
    // Frank was an approver through the group, then left it: back to the default role.
    expect(byId.get(ids.frank!)).toMatchObject({ active: true, role: "developer" });

    const teams = await db.team.findMany({
      where: { orgId: ctx.t.org.id },
      select: { id: true, name: true, scimExternalId: true, members: { select: { userId: true } } },
    });
    const team = (id: string) => teams.find((t) => t.id === id)!;
    expect(
      team(ids.platform!)
        .members.map((m) => m.userId)
        .sort(),
    ).toEqual([ids.dana!, ids.erin!].sort());
    expect(team(ids.research!)).toMatchObject({
      name: "Research & Evaluation",
      scimExternalId: "9bb2b1d1-d5d4-4cd1-85b6-3f0787a1a260",
      members: [{ userId: ids.frank }],
    });
    expect(team(ids.approvers!).members).toEqual([{ userId: ids.erin }]);

    const roleChanges = await db.auditEvent.findMany({
      where: { orgId: ctx.t.org.id, action: "member.role_changed", targetId: ids.frank },
      orderBy: { createdAt: "asc" },
    });
    expect(roleChanges.map((e) => (e.metadata as { after: { role: string } }).after.role)).toEqual(["approver", "developer"]);
  });

  it("signs dana out; her own key gets 403 key_revoked, the Platform key she made still works", async () => {
    expect(await loadViewer(ids.dana!)).toBeNull();
    expect(await callProxy(ctx.server.url, keys.dana!)).toEqual({ status: 403, code: "key_revoked" });
    expect(await callProxy(ctx.server.url, keys.platform!)).toEqual({ status: 200, code: null });
  });

  it("audits the run with the SCIM token as the actor", async () => {
    const events = await db.auditEvent.findMany({ where: { orgId: ctx.t.org.id, actorType: "token" } });
    expect(events.length).toBeGreaterThan(15);
    expect(events.every((e) => e.actorId === ctx.token.id && (e.metadata as { userAgent?: string }).userAgent === ENTRA_USER_AGENT)).toBe(true);
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      "member.provisioned",
      "member.updated",
      "team.created",
      "team.member_added",
      "team.member_removed",
      "team.updated",
      "member.role_changed",
      "member.deactivated",
      "key.revoked",
    ])
      expect(actions, action).toContain(action);
  });

  it("hard-deletes dana: gone from SCIM and out of her teams, and SSO does not bring her back", async () => {
    await runFixture(ctx.scim, entraHardDelete, ids);
    const member = await db.membership.findFirstOrThrow({ where: { orgId: ctx.t.org.id, userId: ids.dana! } });
    expect(member).toMatchObject({ active: false, scimDeletedAt: expect.any(Date) });
    expect(await db.teamMember.count({ where: { userId: ids.dana! } })).toBe(0);
    expect(await provisionSsoUser({ email: `dana@${ctx.domain}` })).toEqual({ ok: false, reason: "inactive" });
    const list = await ctx.scim("GET", "/Users?startIndex=1&count=200");
    expect(list.body.Resources?.map((r) => r.id)).not.toContain(ids.dana);
  });
});
