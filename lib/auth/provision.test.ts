import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { provisionSsoUser } from "@/lib/auth/provision";

async function orgWithDomain() {
  const tag = randomUUID().slice(0, 8);
  const domain = `acme-${tag}.test`;
  const org = await db.organization.create({ data: { slug: `acme-${tag}`, name: `Acme ${tag}`, emailDomains: [domain] } });
  return { org, domain, tag };
}

describe("provisionSsoUser", () => {
  it("creates a developer in the org that claims the email's domain", async () => {
    const { org, domain } = await orgWithDomain();
    const result = await provisionSsoUser({ email: `Ada@${domain.toUpperCase()}`, name: "Ada", groups: ["eng"] });

    expect(result).toMatchObject({ ok: true, created: true });
    if (!result.ok) return;
    const user = await db.user.findUniqueOrThrow({ where: { id: result.userId }, include: { memberships: true } });
    expect(user.email).toBe(`ada@${domain}`);
    expect(user.name).toBe("Ada");
    expect(user.memberships).toMatchObject([{ orgId: org.id, role: "developer", active: true }]);
    const audit = await db.auditEvent.findFirst({ where: { orgId: org.id, action: "member.provisioned", targetId: user.id } });
    expect(audit).not.toBeNull();
  });

  it("refuses an unknown domain and creates nothing", async () => {
    const email = `eve@nobody-${randomUUID().slice(0, 8)}.test`;
    expect(await provisionSsoUser({ email, name: "Eve" })).toEqual({ ok: false, reason: "unknown_domain" });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("reuses an existing user on the next sign-in", async () => {
    const { domain } = await orgWithDomain();
    const first = await provisionSsoUser({ email: `bo@${domain}` });
    const second = await provisionSsoUser({ email: `bo@${domain}`, name: "Bo Renamed" });

    expect(second).toMatchObject({ ok: true, userId: first.ok ? first.userId : "", created: false });
    expect(await db.user.count({ where: { email: `bo@${domain}` } })).toBe(1);
    expect(await db.membership.count({ where: { user: { email: `bo@${domain}` } } })).toBe(1);
  });

  it("adds a membership for an existing user who has none yet", async () => {
    const { org, domain } = await orgWithDomain();
    const existing = await db.user.create({ data: { email: `cy@${domain}` } });
    expect(await provisionSsoUser({ email: `cy@${domain}` })).toEqual({ ok: true, userId: existing.id, orgId: org.id, role: "developer", created: false });
    expect(await db.membership.findFirst({ where: { userId: existing.id, orgId: org.id, active: true } })).not.toBeNull();
  });

  it("does not bring back a deactivated membership or user", async () => {
    const { domain } = await orgWithDomain();
    const first = await provisionSsoUser({ email: `di@${domain}` });
    if (!first.ok) throw new Error("expected provisioning to succeed");
    await db.membership.updateMany({ where: { userId: first.userId }, data: { active: false } });
    expect(await provisionSsoUser({ email: `di@${domain}` })).toEqual({ ok: false, reason: "inactive" });
    expect(await db.membership.count({ where: { userId: first.userId, active: true } })).toBe(0);

    await db.user.update({ where: { id: first.userId }, data: { active: false } });
    expect(await provisionSsoUser({ email: `di@${domain}` })).toEqual({ ok: false, reason: "inactive" });
  });

  it("refuses a missing or explicitly unverified email", async () => {
    const { domain } = await orgWithDomain();
    expect(await provisionSsoUser({ email: undefined })).toEqual({ ok: false, reason: "no_email" });
    expect(await provisionSsoUser({ email: "not-an-email" })).toEqual({ ok: false, reason: "no_email" });
    expect(await provisionSsoUser({ email: `fi@${domain}`, emailVerified: false })).toEqual({ ok: false, reason: "unverified_email" });
    expect(await db.user.findUnique({ where: { email: `fi@${domain}` } })).toBeNull();
  });

  it("provisions concurrent first sign-ins of one person once", async () => {
    const { domain } = await orgWithDomain();
    const results = await Promise.all([1, 2, 3].map(() => provisionSsoUser({ email: `gu@${domain}` })));
    const ids = new Set(results.map((r) => (r.ok ? r.userId : null)));
    expect(ids.size).toBe(1);
    expect(ids.has(null)).toBe(false);
  });
});
