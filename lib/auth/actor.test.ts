import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, loadViewer } from "@/lib/auth/actor";

async function member(role: "admin" | "developer" = "developer") {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `org-${tag}`, name: `Org ${tag}` } });
  const user = await db.user.create({ data: { email: `u-${tag}@example.test`, name: "U", memberships: { create: { orgId: org.id, role } } } });
  return { org, user };
}

describe("loadActor", () => {
  it("returns the user's actor from their active membership", async () => {
    const { org, user } = await member("admin");
    expect(await loadActor(user.id)).toEqual({ kind: "user", userId: user.id, orgId: org.id, role: "admin" });
    expect(await loadViewer(user.id)).toMatchObject({ org: { id: org.id, name: org.name }, user: { email: user.email } });
  });

  it("refuses a deactivated membership at once", async () => {
    const { user } = await member();
    await db.membership.updateMany({ where: { userId: user.id }, data: { active: false } });
    expect(await loadActor(user.id)).toBeNull();
  });

  it("refuses a deactivated user and a removed membership", async () => {
    const a = await member();
    await db.user.update({ where: { id: a.user.id }, data: { active: false } });
    expect(await loadActor(a.user.id)).toBeNull();

    const b = await member();
    await db.membership.deleteMany({ where: { userId: b.user.id } });
    expect(await loadActor(b.user.id)).toBeNull();
    expect(await loadActor("no-such-user")).toBeNull();
  });

  it("uses the oldest active membership when the user belongs to several orgs", async () => {
    const { org: first, user } = await member();
    const second = await db.organization.create({ data: { slug: `org2-${randomUUID().slice(0, 8)}`, name: "Second" } });
    await db.membership.create({ data: { orgId: second.id, userId: user.id, role: "admin" } });
    expect(await loadActor(user.id)).toMatchObject({ orgId: first.id, role: "developer" });

    await db.membership.updateMany({ where: { userId: user.id, orgId: first.id }, data: { active: false } });
    expect(await loadActor(user.id)).toMatchObject({ orgId: second.id, role: "admin" });
  });
});
