// An Okta provisioning run end to end: joiners, groups, a mover, a leaver. Afterwards Latch's
// members, teams and roles match Okta, the leaver's own key is refused by the proxy while the
// team key keeps working, and the audit log shows every step with the SCIM token as the actor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create";
import { loadViewer } from "@/lib/auth/actor";
import { callProxy, runFixture, startScimOrg } from "@/tests/helpers/scim";
import { OKTA_USER_AGENT, oktaRun } from "@/tests/scim/fixtures/okta";

let ctx: Awaited<ReturnType<typeof startScimOrg>>;
let ids: Record<string, string>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  ctx = await startScimOrg({ mappings: { "latch-admins": "admin" }, userAgent: OKTA_USER_AGENT });
});
afterAll(() => ctx.server.close());

describe("Okta provisioning run", () => {
  it("creates, groups and moves people, then deactivates one", async () => {
    const cut = oktaRun.findIndex((s) => s.name === "Okta deactivates carol");
    ids = await runFixture(ctx.scim, oktaRun.slice(0, cut), { domain: ctx.domain });

    // Carol works with a key of her own and one for her team before she leaves.
    const mint = async (input: { name: string; teamId?: string }) =>
      (await createKey({ actor: ctx.t.adminActor, input: { ...input, ownerUserId: ids.carol! } })).secret;
    keys.own = await mint({ name: "carol laptop" });
    keys.team = await mint({ name: "engineering ci", teamId: ids.engineering! });
    keys.bob = (await createKey({ actor: ctx.t.adminActor, input: { name: "bob", ownerUserId: ids.bob! } })).secret;
    expect(await callProxy(ctx.server.url, keys.own)).toEqual({ status: 200, code: null });
    expect(await loadViewer(ids.carol!)).not.toBeNull();

    await runFixture(ctx.scim, oktaRun.slice(cut), ids);
  });

  it("leaves members, roles and teams as Okta has them", async () => {
    const members = await db.membership.findMany({
      where: { orgId: ctx.t.org.id, userId: { in: [ids.alice!, ids.bob!, ids.carol!] } },
      select: { userId: true, role: true, active: true, scimExternalId: true, user: { select: { email: true, name: true } } },
    });
    const byId = new Map(members.map((m) => [m.userId, m]));
    expect(byId.get(ids.alice!)).toMatchObject({ role: "admin", active: true, user: { email: `alice@${ctx.domain}`, name: "Alice Archer" } });
    expect(byId.get(ids.bob!)).toMatchObject({ role: "developer", active: true, user: { name: "Robert Baker" }, scimExternalId: "00ujl29u0le5T6Aj10h8" });
    expect(byId.get(ids.carol!)).toMatchObject({ role: "developer", active: false });

    const teams = await db.team.findMany({ where: { orgId: ctx.t.org.id }, select: { id: true, name: true, members: { select: { userId: true } } } });
    const membersOf = (id: string) =>
      teams
        .find((t) => t.id === id)!
        .members.map((m) => m.userId)
        .sort();
    expect(teams.find((t) => t.id === ids.dataScience)?.name).toBe("Data Science & ML");
    expect(membersOf(ids.engineering!)).toEqual([ids.alice!, ids.carol!].sort());
    expect(membersOf(ids.admins!)).toEqual([ids.alice!]);
    expect(membersOf(ids.dataScience!)).toEqual([ids.bob!]);
  });

  it("signs carol out and refuses her own key with 403 key_revoked; team and others' keys keep working", async () => {
    expect(await loadViewer(ids.carol!)).toBeNull();
    expect(await callProxy(ctx.server.url, keys.own!)).toEqual({ status: 403, code: "key_revoked" });
    expect(await callProxy(ctx.server.url, keys.team!)).toEqual({ status: 200, code: null });
    expect(await callProxy(ctx.server.url, keys.bob!)).toEqual({ status: 200, code: null });
  });

  it("audits each step with the SCIM token as the actor, from Okta's address and user agent", async () => {
    const events = await db.auditEvent.findMany({ where: { orgId: ctx.t.org.id, actorType: "token" }, orderBy: { createdAt: "asc" } });
    expect(events.every((e) => e.actorId === ctx.token.id && e.ip === "127.0.0.1")).toBe(true);
    expect(
      events.every(
        (e) => (e.metadata as { via?: string; userAgent?: string }).via === "scim" && (e.metadata as { userAgent?: string }).userAgent === OKTA_USER_AGENT,
      ),
    ).toBe(true);
    const count = (action: string, targetId?: string) => events.filter((e) => e.action === action && (!targetId || e.targetId === targetId)).length;
    expect(count("member.provisioned")).toBe(3);
    expect(count("member.updated", ids.bob)).toBe(1);
    expect(count("team.created")).toBe(3);
    expect(count("team.member_added")).toBe(5);
    expect(count("team.member_removed", ids.engineering)).toBe(1);
    expect(count("team.updated", ids.dataScience)).toBe(1);
    expect(count("member.role_changed", ids.alice)).toBe(1);
    expect(count("member.deactivated", ids.carol)).toBe(1);
    expect(count("key.revoked")).toBe(1);
    const deactivated = events.find((e) => e.action === "member.deactivated")!;
    expect(deactivated.metadata).toMatchObject({ email: `carol@${ctx.domain}`, revokedKeys: [expect.any(String)] });
  });
});
