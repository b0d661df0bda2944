// Plan limits where things are created: active keys (every mint path), members (SSO provisioning
// and reactivation), and the paid features; a downgraded org's existing keys keep working.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("./helpers")).startBillingEnv());

import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { provisionSsoUser } from "@/lib/auth/provision";
import { planAllows } from "@/lib/billing/plan-limits";
import { PLANS } from "@/lib/billing/plans";
import { createIdpConnection } from "@/lib/idp-connections/create";
import { createKeyRequest } from "@/lib/key-requests/create";
import { revokeKey } from "@/lib/keys/revoke";
import { setMemberActive } from "@/lib/members/set-active";

let gateway: TestGateway;
beforeAll(async () => (gateway = await startGateway()));
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

const FREE_KEYS = PLANS.free.limits.activeKeys!;

describe("active keys", () => {
  let t: TestOrg;
  beforeAll(async () => (t = await createTestOrg("http://127.0.0.1:9")));

  it(`allows ${FREE_KEYS} active keys on Free and refuses the next with an upgrade message`, async () => {
    const keys = [];
    for (let i = 0; i < FREE_KEYS; i++) keys.push(await t.key({ name: `k${i}` }));
    const refused = t.key({ name: "one too many" });
    await expect(refused).rejects.toMatchObject({ status: 403, code: "plan_limit_reached", details: { plan: "free", limit: FREE_KEYS } });
    await expect(refused).rejects.toThrow(/Free plan allows up to 10 active keys.*upgrade under Admin → Billing/);
    await revokeKey({ actor: t.adminActor, keyId: keys[0]!.id });
    await expect(t.key({ name: "fits again" })).resolves.toMatchObject({ name: "fits again" });
  });

  it("counts concurrent mints against each other", async () => {
    const u = await createTestOrg("http://127.0.0.1:9");
    for (let i = 0; i < FREE_KEYS - 1; i++) await u.key({ name: `k${i}` });
    const results = await Promise.allSettled([1, 2, 3].map((i) => u.key({ name: `race ${i}` })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.virtualKey.count({ where: { orgId: u.org.id, status: "active" } })).toBe(FREE_KEYS);
  });

  it("keeps serving existing keys after the org falls back to Free limits", async () => {
    const u = await createTestOrg("http://127.0.0.1:9");
    await db.organization.update({ where: { id: u.org.id }, data: { plan: "team", billingStatus: "active" } });
    const keys = [];
    for (let i = 0; i < FREE_KEYS + 2; i++) keys.push(await u.key({ name: `team key ${i}`, allowedModels: ["echo"] }));
    await db.organization.update({ where: { id: u.org.id }, data: { billingStatus: "past_due", graceUntil: new Date(Date.now() - 1000) } });
    await expect(u.key({ name: "over the Free limit" })).rejects.toMatchObject({ code: "plan_limit_reached" });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.at(-1)!.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "still here" }] }),
    });
    expect(res.status).toBe(200);
  });
});

describe("members", () => {
  let t: TestOrg;
  let domain: string;
  beforeAll(async () => {
    t = await createTestOrg("http://127.0.0.1:9");
    domain = `${t.org.slug}.test`;
    await db.organization.update({ where: { id: t.org.id }, data: { emailDomains: [domain] } });
  });

  it("provisions up to the Free member limit, then refuses sign-ins of new people", async () => {
    expect(await provisionSsoUser({ email: `third@${domain}` })).toMatchObject({ ok: true, created: true });
    expect(await provisionSsoUser({ email: `fourth@${domain}` })).toEqual({ ok: false, reason: "plan_limit" });
    // People already in keep signing in.
    expect(await provisionSsoUser({ email: `third@${domain}` })).toMatchObject({ ok: true, created: false });
  });

  it("refuses reactivating someone while the org is full", async () => {
    const third = await db.user.findUniqueOrThrow({ where: { email: `third@${domain}` } });
    await setMemberActive({ actor: t.adminActor, input: { userId: third.id, active: false } });
    expect(await provisionSsoUser({ email: `fourth@${domain}` })).toMatchObject({ ok: true });
    await expect(setMemberActive({ actor: t.adminActor, input: { userId: third.id, active: true } })).rejects.toMatchObject({ code: "plan_limit_reached" });
  });
});

describe("features", () => {
  it("keeps approvals and IdP connections for paid plans, with a message naming the plan needed", async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    expect(await planAllows(t.org.id, "approvals")).toBe(false);
    await expect(
      createKeyRequest({ actor: t.developerActor, input: { kind: "create", name: "big", values: {}, justification: "need it for the launch" } }),
    ).rejects.toThrow(/Key requests and approvals needs the Team plan/);
    await expect(
      createIdpConnection({
        actor: t.adminActor,
        input: { kind: "oidc", issuer: "https://idp.example.test", clientId: "c", clientSecret: "s", domains: "example.test", groupRoleMappings: "" },
      }),
    ).rejects.toMatchObject({ status: 403, code: "plan_upgrade_required", details: { required_plan: "team" } });

    await db.organization.update({ where: { id: t.org.id }, data: { plan: "team", billingStatus: "active" } });
    expect(await planAllows(t.org.id, "approvals")).toBe(true);
    expect(await planAllows(t.org.id, "idp_connection")).toBe(true);
  });
});
