// The onboarding checklist reads what exists: steps tick themselves off as the org is set up.
import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { getOnboarding } from "@/lib/orgs/onboarding";
import { updateOrgGuardrails } from "@/lib/orgs/update-guardrails";
import type { Actor } from "@/lib/auth/permissions";

const done = async (actor: Actor) => Object.fromEntries((await getOnboarding({ actor })).map((s) => [s.id, s.done]));

describe("onboarding", () => {
  it("a fresh org with only the built-in echo provider starts at step one", async () => {
    const org = await db.organization.create({ data: { slug: `fresh-${randomUUID().slice(0, 8)}`, name: "Fresh" } });
    const credential = await db.providerCredential.create({ data: { orgId: org.id, name: "Built-in echo", provider: "mock" } });
    await db.modelRoute.create({ data: { orgId: org.id, publicName: "echo", credentialId: credential.id, upstreamModel: "echo" } });
    const admin = await db.user.create({ data: { email: `fresh-${org.id}@example.test`, memberships: { create: { orgId: org.id, role: "admin" } } } });
    const actor: Actor = { kind: "user", userId: admin.id, orgId: org.id, role: "admin" };
    expect(await done(actor)).toEqual({ provider: false, route: false, guardrails: false, people: false, key: false });
  });

  it("ticks steps off as providers, routes, guardrails, people and keys appear", async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    expect(await done(t.adminActor)).toEqual({ provider: true, route: true, guardrails: false, people: true, key: false });
    await updateOrgGuardrails({ actor: t.adminActor, input: { defaultKeyPolicy: { rpmLimit: 10 }, maxKeyPolicy: { maxRpm: 60 } } });
    await t.key();
    expect(await done(t.adminActor)).toEqual({ provider: true, route: true, guardrails: true, people: true, key: true });
  });

  it("caller without permission is rejected", async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    await expect(getOnboarding({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
  });
});
