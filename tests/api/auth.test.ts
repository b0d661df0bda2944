// Who may call what: token scopes, org isolation, revoked and expired tokens, the bootstrap token.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const BOOTSTRAP = vi.hoisted(() => {
  // lib/env reads the environment once at import, so this must run before any import below.
  const token = "latch-bootstrap-admin-token-for-tests-0123456789";
  process.env.LATCH_ADMIN_TOKEN = token;
  return token;
});

import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { seedDemoOrg, DEMO_ORG_SLUG } from "@/lib/orgs/seed-demo";

let app: TestGateway;
let a: ApiOrg;
let b: ApiOrg;

beforeAll(async () => {
  app = await startAppServer();
  [a, b] = await Promise.all([createApiOrg(), createApiOrg()]);
});
afterAll(() => app.close());

const client = (token: string | null) => managementClient(app.url, token);

describe("authentication", () => {
  it("refuses a missing, unknown, revoked or expired token with 401", async () => {
    expect((await client(null).call("listKeys")).status).toBe(401);
    expect((await client("latch_mt_nope").call("listKeys")).body.error).toMatchObject({ type: "authentication_error", code: "invalid_management_token" });

    const admin = client((await a.token(["admin"])).secret);
    const victim = await a.token(["keys:read"]);
    expect((await client(victim.secret).call("listKeys")).status).toBe(200);
    expect((await admin.call("revokeManagementToken", { params: { id: victim.id } })).body.status).toBe("revoked");
    expect((await client(victim.secret).call("listKeys")).status).toBe(401);

    const expiring = await admin.call("createManagementToken", {
      body: { name: "short", scopes: ["keys:read"], expires_at: new Date(Date.now() + 1000).toISOString() },
    });
    await db.managementToken.update({ where: { id: expiring.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await client(expiring.body.token).call("listKeys")).body.error.code).toBe("management_token_expired");
  });

  it("stores only a hash of a token, and shows its secret once", async () => {
    const admin = client((await a.token(["admin"])).secret);
    const created = await admin.call("createManagementToken", { body: { name: "ci", scopes: ["keys:read", "usage:read"] } });
    expect(created.body.token).toMatch(/^latch_mt_/);
    const row = await db.managementToken.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(JSON.stringify(row)).not.toContain(created.body.token);
    const fetched = await admin.call("getManagementToken", { params: { id: created.body.id } });
    expect(fetched.body).toMatchObject({ scopes: ["keys:read", "usage:read"], status: "active", token_prefix: created.body.token.slice(0, 13) });
    expect(fetched.body.token).toBeUndefined();
    const list = await admin.call("listManagementTokens", { query: { limit: "100" } });
    expect(list.body.data.map((t: { id: string }) => t.id)).toContain(created.body.id);
  });
});

describe("scopes", () => {
  it("lets keys:read list and read keys but not create, change or revoke them", async () => {
    const writer = client((await a.token(["keys:write"])).secret);
    const reader = client((await a.token(["keys:read"])).secret);
    const { body: key } = await writer.call("createKey", { body: { name: "scoped" } });

    expect((await reader.call("listKeys")).status).toBe(200);
    expect((await reader.call("getKey", { params: { id: key.id } })).status).toBe(200);
    const denied = await reader.call("createKey", { body: { name: "nope" } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ type: "permission_error", code: "forbidden" });
    expect((await reader.call("updateKey", { params: { id: key.id }, body: { rpm_limit: 1 } })).status).toBe(403);
    expect((await reader.call("revokeKey", { params: { id: key.id } })).status).toBe(403);
    expect((await reader.call("rotateKey", { params: { id: key.id } })).status).toBe(403);
  });

  it("keeps provider settings and tokens behind their own scopes", async () => {
    const keysWriter = client((await a.token(["keys:write"])).secret);
    const providers = client((await a.token(["providers:write"])).secret);
    expect((await keysWriter.call("listProviders")).status).toBe(403);
    expect(
      (await keysWriter.call("createPrice", { body: { provider: "openai", model: "m", input_usd_per_million: 1, output_usd_per_million: 1 } })).status,
    ).toBe(403);
    expect((await keysWriter.call("createManagementToken", { body: { name: "x", scopes: ["admin"] } })).status).toBe(403);
    expect((await providers.call("listProviders")).status).toBe(200);
    expect((await providers.call("listModelRoutes")).status).toBe(200);
    expect((await providers.call("listKeys")).status).toBe(403);
    expect((await providers.call("listManagementTokens")).status).toBe(403);
  });
});

describe("org isolation", () => {
  it("never shows or changes another org's keys, providers, routes, prices or tokens", async () => {
    const adminA = client((await a.token(["admin"])).secret);
    const adminB = client((await b.token(["admin"])).secret);
    const key = (await adminB.call("createKey", { body: { name: "b's key" } })).body;
    const provider = (await adminB.call("createProvider", { body: { type: "mock", name: "b's mock", models: ["echo"] } })).body;
    const route = (await adminB.call("listModelRoutes", { query: { provider_id: provider.id } })).body.data[0];
    const price = (await adminB.call("createPrice", { body: { provider: "mock", model: "echo", input_usd_per_million: 1, output_usd_per_million: 2 } })).body;
    const token = (await adminB.call("listManagementTokens")).body.data[0];

    const listed = await adminA.call("listKeys", { query: { limit: "100" } });
    expect(listed.body.data.map((k: { id: string }) => k.id)).not.toContain(key.id);
    for (const [get, id] of [
      ["getKey", key.id],
      ["getProvider", provider.id],
      ["getModelRoute", route.id],
      ["getPrice", price.id],
      ["getManagementToken", token.id],
    ] as const) {
      const res = await adminA.call(get, { params: { id } });
      expect(res.status, get).toBe(404);
      expect(res.body.error.type).toBe("not_found_error");
    }
    expect((await adminA.call("updateKey", { params: { id: key.id }, body: { name: "mine now" } })).status).toBe(404);
    expect((await adminA.call("revokeKey", { params: { id: key.id } })).status).toBe(404);
    expect((await adminA.call("rotateKey", { params: { id: key.id } })).status).toBe(404);
    expect((await adminA.call("deleteProvider", { params: { id: provider.id } })).status).toBe(404);
    expect((await adminA.call("testProvider", { params: { id: provider.id } })).status).toBe(404);
    expect((await adminA.call("deletePrice", { params: { id: price.id } })).status).toBe(404);
    expect((await adminA.call("revokeManagementToken", { params: { id: token.id } })).status).toBe(404);
    const stolen = await adminA.call("createModelRoute", { body: { model: "echo", provider_id: provider.id } });
    expect(stolen.body.error).toMatchObject({ param: "provider_id" });
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("active");
  });
});

describe("bootstrap token", () => {
  it("acts as admin on the demo org and is recorded as the bootstrap actor", async () => {
    await seedDemoOrg();
    const demo = await db.organization.findUniqueOrThrow({ where: { slug: DEMO_ORG_SLUG } });
    const created = await client(BOOTSTRAP).call("createKey", { body: { name: "from automation" } });
    expect(created.status).toBe(201);
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: created.body.id } })).orgId).toBe(demo.id);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: demo.id, targetId: created.body.id } });
    expect(audit).toMatchObject({ actorType: "token", actorId: "bootstrap", action: "key.created" });
    expect((await client(`${BOOTSTRAP.slice(0, -1)}x`).call("listKeys")).status).toBe(401);
  });
});
