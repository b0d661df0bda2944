import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { provisionSsoUser, type SignInSource } from "@/lib/auth/provision";

const OKTA: SignInSource = { kind: "configured", provider: "okta" };

async function org(mappings: Record<string, string> = {}) {
  const tag = randomUUID().slice(0, 8);
  const domain = `corp-${tag}.test`;
  const row = await db.organization.create({ data: { slug: `corp-${tag}`, name: `Corp ${tag}`, emailDomains: [domain], groupRoleMappings: mappings } });
  return { org: row, domain };
}

const roleOf = async (userId: string, orgId: string) => (await db.membership.findFirstOrThrow({ where: { userId, orgId } })).role;

describe("roles from IdP groups", () => {
  it("gives a new member the most privileged role their groups map to", async () => {
    const { org: o, domain } = await org({ "latch-approvers": "approver", "latch-admins": "admin", eng: "developer" });
    const r = await provisionSsoUser({ email: `a@${domain}`, groups: ["eng", "latch-approvers"] }, OKTA);
    expect(r).toMatchObject({ ok: true, orgId: o.id, role: "approver", created: true });
  });

  it("follows the IdP at every sign-in, audited, and keeps an admin-given role when nothing matches", async () => {
    const { org: o, domain } = await org({ "latch-admins": "admin" });
    const first = await provisionSsoUser({ email: `b@${domain}`, groups: ["latch-admins"] }, OKTA);
    if (!first.ok) throw new Error("expected success");
    expect(await roleOf(first.userId, o.id)).toBe("admin");

    // Removed from the group at the IdP, but no other group matches: the stored role stands.
    await db.membership.updateMany({ where: { userId: first.userId }, data: { role: "approver" } });
    expect(await provisionSsoUser({ email: `b@${domain}`, groups: ["marketing"] }, OKTA)).toMatchObject({ ok: true, role: "approver" });
    expect(await roleOf(first.userId, o.id)).toBe("approver");

    // Back in the admin group: promoted again at this sign-in, with an audit record.
    expect(await provisionSsoUser({ email: `b@${domain}`, groups: ["latch-admins"] }, OKTA)).toMatchObject({ ok: true, role: "admin" });
    expect(await roleOf(first.userId, o.id)).toBe("admin");
    const audit = await db.auditEvent.findFirst({
      where: { orgId: o.id, action: "member.role_changed", targetId: first.userId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.metadata).toMatchObject({ before: { role: "approver" }, after: { role: "admin" }, via: "sso:okta" });
  });

  it("makes LATCH_BOOTSTRAP_ADMINS admins whatever their groups say", async () => {
    const { org: o, domain } = await org({ eng: "developer" });
    const r = await provisionSsoUser({ email: `Boss@${domain}`, groups: ["eng"] }, OKTA, { bootstrapAdmins: [`boss@${domain}`] });
    expect(r).toMatchObject({ ok: true, orgId: o.id, role: "admin" });
    expect(await provisionSsoUser({ email: `other@${domain}`, groups: ["eng"] }, OKTA, { bootstrapAdmins: [`boss@${domain}`] })).toMatchObject({
      role: "developer",
    });
  });
});

describe("sign-in through an org's own IdP connection", () => {
  const via = (orgId: string, domains: string[], groupRoleMappings: unknown = {}): SignInSource => ({
    kind: "connection",
    connectionId: "conn_test",
    orgId,
    domains,
    groupRoleMappings,
  });

  it("provisions into the connection's org with the connection's mapping, else the org's", async () => {
    const { org: o, domain } = await org({ staff: "approver" });
    expect(await provisionSsoUser({ email: `c@${domain}`, groups: ["it"] }, via(o.id, [domain], { it: "admin" }))).toMatchObject({
      ok: true,
      orgId: o.id,
      role: "admin",
    });
    expect(await provisionSsoUser({ email: `d@${domain}`, groups: ["staff"] }, via(o.id, [domain]))).toMatchObject({ ok: true, orgId: o.id, role: "approver" });
  });

  it("refuses an address outside the connection's domains, or of a domain another org owns", async () => {
    const mine = await org();
    const theirs = await org();
    await db.user.create({ data: { email: `ceo@${theirs.domain}`, memberships: { create: { orgId: theirs.org.id, role: "admin" } } } });
    // A rogue IdP asserting the other company's CEO: not even listing their domain helps.
    expect(await provisionSsoUser({ email: `ceo@${theirs.domain}` }, via(mine.org.id, [mine.domain]))).toEqual({ ok: false, reason: "domain_mismatch" });
    expect(await provisionSsoUser({ email: `ceo@${theirs.domain}` }, via(mine.org.id, [mine.domain, theirs.domain]))).toEqual({
      ok: false,
      reason: "domain_mismatch",
    });
    expect(await db.membership.count({ where: { orgId: mine.org.id } })).toBe(0);
  });
});
