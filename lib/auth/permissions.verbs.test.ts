// The same policy as permissions.matrix.test.ts, driven through the real verbs on a real
// database: every role of org A against keys, usage and settings that are their own, their
// team's, another person's, or org B's. Refusals of a specific thing are audited in the caller's org.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ROLES, type Actor, type Role } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/list";
import { getKeyWithUsage } from "@/lib/keys/get";
import { listKeys } from "@/lib/keys/list";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";
import { usageBreakdown } from "@/lib/usage/attribution";
import { createIdpConnection } from "@/lib/idp-connections/create";
import { setIdpConnectionEnabled } from "@/lib/idp-connections/status";
import { encryptSecret } from "@/lib/security/secret-box";
import { allowed, RELATIONS, type Relation } from "@/tests/helpers/permission-matrix";

const tag = randomUUID().slice(0, 8);
let orgA: string, orgB: string, other: string, outsider: string, sharedTeam: string, privateTeam: string, connectionB: string;
const actors = {} as Record<Role, Actor & { kind: "user" }>;

async function member(orgId: string, role: Role, name: string) {
  const u = await db.user.create({ data: { email: `${name}-${tag}@${orgId}.test`, memberships: { create: { orgId, role } } } });
  return u.id;
}

async function key(orgId: string, ownerUserId: string, teamId: string | null = null) {
  const k = await db.virtualKey.create({ data: { orgId, ownerUserId, teamId, name: "k", prefix: "lk_test", hash: randomUUID() } });
  return k.id;
}

/** A fresh key in the given relation to the actor, so destructive verbs never share one. */
function keyFor(actor: Actor & { kind: "user" }, relation: Relation) {
  if (relation === "own") return key(orgA, actor.userId);
  if (relation === "team") return key(orgA, other, sharedTeam);
  if (relation === "other") return key(orgA, other);
  return key(orgB, outsider);
}

const denials = (targetId: string, orgId: string) => db.auditEvent.count({ where: { orgId, action: "access.denied", targetId } });

beforeAll(async () => {
  orgA = (await db.organization.create({ data: { slug: `a-${tag}`, name: "A", emailDomains: [`a-${tag}.test`] } })).id;
  orgB = (await db.organization.create({ data: { slug: `b-${tag}`, name: "B", emailDomains: [`b-${tag}.test`] } })).id;
  for (const role of ROLES) actors[role] = { kind: "user", userId: await member(orgA, role, role), orgId: orgA, role };
  other = await member(orgA, "developer", "other");
  outsider = await member(orgB, "admin", "outsider");
  const everyone = ROLES.map((r) => ({ userId: actors[r].userId }));
  sharedTeam = (await db.team.create({ data: { orgId: orgA, slug: "shared", name: "Shared", shareKeysWithMembers: true, members: { create: everyone } } })).id;
  privateTeam = (await db.team.create({ data: { orgId: orgA, slug: "private", name: "Private", members: { create: everyone } } })).id;
  connectionB = (
    await db.idpConnection.create({
      data: { orgId: orgB, issuer: "https://idp.b.test", clientId: "b", encryptedSecret: encryptSecret("s"), domains: [`b-${tag}.test`] },
    })
  ).id;
  const bucket = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const rollup = (orgId: string, keyId: string, userId: string, teamId = "") =>
    db.usageRollup.create({ data: { bucket, orgId, keyId, userId, teamId, outcome: "success", requests: 1, costUsd: 1 } });
  for (const role of ROLES) await rollup(orgA, `own-${role}`, actors[role].userId);
  await rollup(orgA, "team", other, sharedTeam);
  await rollup(orgA, "other", other);
  await rollup(orgB, "otherOrg", outsider);
});

const VERBS = {
  read: { permission: "keys.read.own", run: (actor: Actor, keyId: string) => getKeyWithUsage({ actor, keyId }) },
  rotate: { permission: "keys.write.own", run: (actor: Actor, keyId: string) => rotateKey({ actor, input: { keyId } }) },
  revoke: { permission: "keys.write.own", run: (actor: Actor, keyId: string) => revokeKey({ actor, keyId }) },
} as const;

const keyCases = ROLES.flatMap((role) =>
  Object.entries(VERBS).flatMap(([verb, v]) => RELATIONS.map((relation) => ({ role, verb, relation, ok: allowed(role, v.permission, relation) }))),
);

describe("key verbs by role and relation", () => {
  it.each(keyCases)("$role $verb on $relation key → $ok", async ({ role, verb, relation, ok }) => {
    const actor = actors[role];
    const keyId = await keyFor(actor, relation);
    const run = VERBS[verb as keyof typeof VERBS].run(actor, keyId);
    if (ok) {
      await expect(run).resolves.not.toThrow();
      expect(await denials(keyId, orgA)).toBe(0);
    } else {
      // Indistinguishable from a missing key to the caller, on the record in the caller's org only.
      await expect(run).rejects.toMatchObject({ status: 404, code: "key_not_found" });
      expect(await denials(keyId, orgA)).toBe(1);
      expect(await denials(keyId, orgB)).toBe(0);
    }
  });

  it.each(ROLES)("%s lists exactly the keys the policy lets them read", async (role) => {
    const actor = actors[role];
    const ids = Object.fromEntries(await Promise.all(RELATIONS.map(async (r) => [r, await keyFor(actor, r)] as const)));
    const listed = new Set((await listKeys({ actor })).map((k) => k.id));
    for (const relation of RELATIONS) expect([relation, listed.has(ids[relation]!)]).toEqual([relation, allowed(role, "keys.read.own", relation)]);
  });

  it("keeps a non-sharing team's keys from its members", async () => {
    const keyId = await key(orgA, other, privateTeam);
    await expect(getKeyWithUsage({ actor: actors.developer, keyId })).rejects.toMatchObject({ status: 404 });
    expect(await denials(keyId, orgA)).toBe(1);
  });
});

describe("usage, audit log and SSO settings by role", () => {
  const range = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 3_600_000) };

  it.each(ROLES)("%s sees exactly the usage the policy lets them read", async (role) => {
    const seen = new Set((await usageBreakdown({ actor: actors[role], range, groupBy: "key" })).map((r) => r.id));
    const rowOf: Record<Relation, string> = { own: `own-${role}`, team: "team", other: "other", otherOrg: "otherOrg" };
    for (const relation of RELATIONS) expect([relation, seen.has(rowOf[relation])]).toEqual([relation, allowed(role, "usage.read.own", relation)]);
  });

  it.each(ROLES)("%s reads the audit log only if allowed, and only their own org's", async (role) => {
    const run = listAuditEvents({ actor: actors[role] });
    if (!allowed(role, "audit.read", "own")) return void (await expect(run).rejects.toMatchObject({ status: 403 }));
    const { events } = await run;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.orgId === orgA)).toBe(true);
  });

  it.each(ROLES)("%s adds an IdP connection only if allowed to change the org", async (role) => {
    const input = { issuer: "https://idp.a.test", clientId: `c-${role}`, clientSecret: "s", domains: `a-${tag}.test` };
    const run = createIdpConnection({ actor: actors[role], input });
    if (allowed(role, "org.write", "own")) await expect(run).resolves.toMatchObject({ id: expect.any(String) });
    else await expect(run).rejects.toMatchObject({ status: 403 });
  });

  it("refuses an admin of org A org B's IdP connection, audited in org A only", async () => {
    await expect(setIdpConnectionEnabled({ actor: actors.admin, connectionId: connectionB, enabled: false })).rejects.toMatchObject({ status: 404 });
    expect(await denials(connectionB, orgA)).toBe(1);
    expect(await denials(connectionB, orgB)).toBe(0);
    expect((await db.idpConnection.findUniqueOrThrow({ where: { id: connectionB } })).status).toBe("pending");
  });
});
