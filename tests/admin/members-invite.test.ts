// Adding people from the portal: an invited member waits (pending) until their first SSO
// sign-in, which keeps the role the admin chose; only the org's own domains; admin-only, audited.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { listAuditEvents } from "@/lib/audit/list";
import { provisionSsoUser } from "@/lib/auth/provision";
import { recordSignIn } from "@/lib/auth/callbacks";
import { inviteMember } from "@/lib/members/invite";
import { listMembers } from "@/lib/members/list";

let t: TestOrg;
let other: TestOrg;
let domain: string;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
  domain = `${t.org.slug}.example.test`;
  await db.organization.update({ where: { id: t.org.id }, data: { emailDomains: [domain] } });
});

describe("inviting members", () => {
  it("adds a pending member with the chosen role; their first SSO sign-in keeps the role and ends pending", async () => {
    const email = `Sam@${domain}`;
    const { userId } = await inviteMember({ actor: t.adminActor, input: { email, role: "approver" } });
    const invited = (await listMembers({ actor: t.adminActor })).find((m) => m.userId === userId);
    expect(invited).toMatchObject({ email: email.toLowerCase(), role: "approver", active: true, pending: true });
    const { events } = await listAuditEvents({ actor: t.adminActor, filter: { action: "member.invited" } });
    expect(events[0]).toMatchObject({ targetId: userId, metadata: { email: email.toLowerCase(), role: "approver" } });

    const signedIn = await provisionSsoUser({ email: email.toLowerCase(), name: "Sam" }, { kind: "configured", provider: "oidc" }, { bootstrapAdmins: [] });
    expect(signedIn).toMatchObject({ ok: true, userId, orgId: t.org.id, role: "approver", created: false });
    await recordSignIn({ user: { id: userId }, account: { provider: "oidc" } });
    expect((await listMembers({ actor: t.adminActor })).find((m) => m.userId === userId)?.pending).toBe(false);
  });

  it("refuses an address outside the org's domains, a malformed one, and someone already a member", async () => {
    await expect(inviteMember({ actor: t.adminActor, input: { email: "eve@elsewhere.test" } })).rejects.toMatchObject({
      status: 400,
      param: "email",
      code: "domain_not_claimed",
    });
    await expect(inviteMember({ actor: t.adminActor, input: { email: "not-an-email" } })).rejects.toThrow();
    await inviteMember({ actor: t.adminActor, input: { email: `pat@${domain}` } });
    await expect(inviteMember({ actor: t.adminActor, input: { email: `PAT@${domain}` } })).rejects.toMatchObject({ status: 409, param: "email" });
  });

  it("caller without permission is rejected", async () => {
    await expect(inviteMember({ actor: t.developerActor, input: { email: `dev2@${domain}` } })).rejects.toMatchObject({ status: 403 });
  });

  it("cannot touch another org's row", async () => {
    // Another org's admin cannot invite into this org's domain (it is not theirs).
    await expect(inviteMember({ actor: other.adminActor, input: { email: `x@${domain}` } })).rejects.toMatchObject({ code: "domain_not_claimed" });
    expect(await db.membership.count({ where: { orgId: other.org.id, user: { email: `x@${domain}` } } })).toBe(0);
  });
});
