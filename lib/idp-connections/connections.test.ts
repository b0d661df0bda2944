import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { createIdpConnection } from "@/lib/idp-connections/create";
import { listIdpConnections } from "@/lib/idp-connections/list";
import { setOrgGroupRoleMappings } from "@/lib/idp-connections/org-mappings";
import { routeEmail } from "@/lib/idp-connections/route-email";
import { deleteIdpConnection, setIdpConnectionEnabled } from "@/lib/idp-connections/status";
import { completeConnectionTest, startConnectionTest } from "@/lib/idp-connections/test-sign-in";
import { decryptSecret } from "@/lib/security/secret-box";

const tag = randomUUID().slice(0, 8);
const domain = `acme-${tag}.test`;
let admin: Actor & { kind: "user" };
let developer: Actor & { kind: "user" };

beforeAll(async () => {
  const org = await db.organization.create({ data: { slug: `acme-${tag}`, name: "Acme", emailDomains: [domain, `sub.${domain}`] } });
  await db.organization.create({ data: { slug: `rival-${tag}`, name: "Rival", emailDomains: [`rival-${tag}.test`] } });
  const user = async (role: "admin" | "developer") =>
    (await db.user.create({ data: { email: `${role}@${domain}`, memberships: { create: { orgId: org.id, role } } } })).id;
  admin = { kind: "user", userId: await user("admin"), orgId: org.id, role: "admin" };
  developer = { kind: "user", userId: await user("developer"), orgId: org.id, role: "developer" };
});

const input = (over: Record<string, string> = {}) => ({
  issuer: "https://login.acme.test/",
  clientId: "latch",
  clientSecret: "top-secret",
  domains: domain,
  ...over,
});

describe("creating a connection", () => {
  it("stores the secret encrypted, starts pending, and is audited", async () => {
    const { id } = await createIdpConnection({ actor: admin, input: input({ kind: "okta", groupRoleMappings: "it = admin" }) });
    const row = await db.idpConnection.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ kind: "okta", issuer: "https://login.acme.test", status: "pending", verifiedAt: null, groupRoleMappings: { it: "admin" } });
    expect(row.encryptedSecret).not.toContain("top-secret");
    expect(decryptSecret(row.encryptedSecret)).toBe("top-secret");
    expect(await db.auditEvent.count({ where: { orgId: admin.orgId, action: "idp_connection.created", targetId: id } })).toBe(1);
    const listed = await listIdpConnections({ actor: admin });
    expect(JSON.stringify(listed)).not.toContain("encryptedSecret");
  });

  it("only for the org's own domains, over https (loopback excepted), by an admin", async () => {
    await expect(createIdpConnection({ actor: admin, input: input({ domains: `rival-${tag}.test` }) })).rejects.toMatchObject({ code: "domain_not_owned" });
    await expect(createIdpConnection({ actor: admin, input: input({ domains: `unclaimed-${tag}.test` }) })).rejects.toMatchObject({ code: "domain_not_owned" });
    await expect(createIdpConnection({ actor: admin, input: input({ issuer: "http://idp.acme.test" }) })).rejects.toMatchObject({ name: "ZodError" });
    await expect(createIdpConnection({ actor: admin, input: input({ groupRoleMappings: "it = root" }) })).rejects.toMatchObject({ param: "groupRoleMappings" });
    await expect(createIdpConnection({ actor: developer, input: input() })).rejects.toMatchObject({ status: 403 });
    await expect(createIdpConnection({ actor: admin, input: input({ issuer: "http://127.0.0.1:9999" }) })).resolves.toBeTruthy();
  });
});

describe("verifying and enabling", () => {
  it("cannot be enabled before a successful test sign-in", async () => {
    const { id } = await createIdpConnection({ actor: admin, input: input() });
    await expect(setIdpConnectionEnabled({ actor: admin, connectionId: id, enabled: true })).rejects.toMatchObject({ code: "idp_connection_unverified" });

    const flow = await startConnectionTest({ actor: admin, connectionId: id });
    expect(flow).toMatchObject({ mode: "test", userId: admin.userId, connection: { id, clientSecret: "top-secret" } });
    // The IdP vouched for someone outside the connection's domains: not verified.
    expect(await completeConnectionTest(flow, { email: `x@rival-${tag}.test` })).toBe("/settings/sso?test=failed&reason=domain_mismatch");
    expect(await completeConnectionTest(flow, { email: `it@${domain}`, emailVerified: false })).toBe("/settings/sso?test=failed&reason=unverified_email");
    expect((await db.idpConnection.findUniqueOrThrow({ where: { id } })).verifiedAt).toBeNull();

    expect(await completeConnectionTest(flow, { email: `It@${domain}` })).toBe("/settings/sso?test=ok");
    await setIdpConnectionEnabled({ actor: admin, connectionId: id, enabled: true });
    expect(await db.idpConnection.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "enabled", verifiedAt: expect.any(Date) });
    const actions = (await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual([
      "idp_connection.created",
      "idp_connection.test_failed",
      "idp_connection.test_failed",
      "idp_connection.verified",
      "idp_connection.enabled",
    ]);
  });

  it("does not let a test run finish for someone who is no longer an admin", async () => {
    const { id } = await createIdpConnection({ actor: admin, input: input() });
    const flow = await startConnectionTest({ actor: admin, connectionId: id });
    await expect(startConnectionTest({ actor: developer, connectionId: id })).rejects.toMatchObject({ status: 403 });
    expect(await completeConnectionTest({ ...flow, userId: developer.userId }, { email: `it@${domain}` })).toBe("/settings/sso?test=failed&reason=forbidden");
  });
});

describe("routing an email on the sign-in page", () => {
  it("sends the org's domains to its enabled connection, others to the configured IdPs or the not-set-up page", async () => {
    const sub = `sub.${domain}`;
    expect(await routeEmail(`ann@${sub}`)).toEqual({ kind: "configured" });
    const { id } = await createIdpConnection({ actor: admin, input: input({ domains: sub }) });
    expect(await routeEmail(`ann@${sub}`)).toEqual({ kind: "configured" }); // still pending
    await completeConnectionTest(await startConnectionTest({ actor: admin, connectionId: id }), { email: `it@${sub}` });
    await setIdpConnectionEnabled({ actor: admin, connectionId: id, enabled: true });
    expect(await routeEmail(` Ann@${sub.toUpperCase()} `)).toMatchObject({ kind: "connection", flow: { mode: "sign-in", connection: { id } } });

    await setIdpConnectionEnabled({ actor: admin, connectionId: id, enabled: false });
    expect(await routeEmail(`ann@${sub}`)).toEqual({ kind: "configured" });
    await deleteIdpConnection({ actor: admin, connectionId: id });
    expect(await routeEmail(`eve@nowhere-${tag}.test`)).toEqual({ kind: "unknown_domain" });
    expect(await routeEmail("not an email")).toEqual({ kind: "invalid" });
  });
});

describe("the org's group → role mapping", () => {
  it("is saved by an admin from text, audited, and refused to others", async () => {
    await setOrgGroupRoleMappings({ actor: admin, text: "# comment\nlatch-admins = admin\n\nOps Team=Approver" });
    const org = await db.organization.findUniqueOrThrow({ where: { id: admin.orgId } });
    expect(org.groupRoleMappings).toEqual({ "latch-admins": "admin", "Ops Team": "approver" });
    expect(await db.auditEvent.count({ where: { orgId: admin.orgId, action: "org.group_roles_updated" } })).toBe(1);
    await expect(setOrgGroupRoleMappings({ actor: admin, text: "no-role-here" })).rejects.toMatchObject({ status: 400 });
    await expect(setOrgGroupRoleMappings({ actor: developer, text: "x = admin" })).rejects.toMatchObject({ status: 403 });
  });
});
