// The whole story over raw HTTP: provider → key → proxied call → usage → patch → rotate → revoke.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

const PROVIDER_SECRET = "sk-upstream-secret-for-lifecycle-9876";

let fake: FakeProvider;
let app: TestGateway;
let t: ApiOrg;
let api: ReturnType<typeof managementClient>;

beforeAll(async () => {
  fake = await startFakeProvider();
  app = await startAppServer();
  t = await createApiOrg();
  api = managementClient(app.url, (await t.token(["admin"])).secret);
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

const chat = (key: string) =>
  new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "hi" }],
  });

describe("management API lifecycle", () => {
  it("creates a provider, a key, proxies, meters, patches, rotates and revokes", async () => {
    const provider = await api.call("createProvider", {
      body: { type: "openai_compatible", name: "Fake OpenAI", base_url: `${fake.url}/v1`, api_key: PROVIDER_SECRET, models: ["gpt-4o-mini"] },
    });
    expect(provider.status).toBe(201);
    expect(provider.body).toMatchObject({ type: "openai_compatible", api_key_last4: "9876", models: ["gpt-4o-mini"] });
    expect(JSON.stringify(provider.body)).not.toContain(PROVIDER_SECRET);
    const stored = await db.providerCredential.findUniqueOrThrow({ where: { id: provider.body.id } });
    expect(stored.encryptedSecret).not.toContain(PROVIDER_SECRET);

    const tested = await api.call("testProvider", { params: { id: provider.body.id } });
    expect(tested.body).toMatchObject({ ok: true, status: 200 });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${PROVIDER_SECRET}`);

    const created = await api.call("createKey", {
      body: { name: "lifecycle", owner_email: t.developer.email, spend_limit_usd: 5, spend_reset_period: "monthly", rpm_limit: 100, metadata: { app: "ci" } },
    });
    expect(created.status).toBe(201);
    const { id, key: firstSecret } = created.body;
    expect(firstSecret).toMatch(/^sk-latch-/);
    expect(created.body).toMatchObject({
      status: "active",
      owner_email: t.developer.email,
      spend_limit_usd: 5,
      spend_reset_period: "monthly",
      key_prefix: firstSecret.slice(0, 13),
    });

    const completion = await chat(firstSecret);
    expect(completion.choices[0]?.message.content).toBe("Hello from fake");

    await usageQueue.flush();
    const used = await api.call("getKey", { params: { id } });
    expect(used.body.key).toBeUndefined();
    expect(used.body.tokens_used).toBe(15);
    expect(used.body.spend_usd).toBeCloseTo((10 * 0.15 + 5 * 0.6) / 1e6, 12);
    expect(used.body.limits).toEqual([{ type: "spend", amount: 5, period: "monthly", used: used.body.spend_usd }]);

    // A limit below what was already spent this month refuses the next request at once.
    const tight = await api.call("updateKey", { params: { id }, body: { spend_limit_usd: 0.000001, spend_reset_period: "monthly" } });
    expect(tight.body.spend_limit_usd).toBe(0.000001);
    await expect(chat(firstSecret)).rejects.toMatchObject({ status: 429, code: "budget_exceeded" });
    const budgets = await db.budget.findMany({ where: { keyId: id } });
    expect(budgets).toHaveLength(1);

    await api.call("updateKey", { params: { id }, body: { spend_limit_usd: 10, spend_reset_period: "monthly" } });
    await chat(firstSecret);

    const rotated = await api.call("rotateKey", { params: { id }, body: {} });
    const secondSecret = rotated.body.key;
    expect(rotated.body.id).toBe(id);
    expect(secondSecret).not.toBe(firstSecret);
    await expect(chat(firstSecret)).rejects.toMatchObject({ status: 401 });
    await chat(secondSecret);

    const revoked = await api.call("revokeKey", { params: { id } });
    expect(revoked.body).toMatchObject({ id, status: "revoked" });
    expect(revoked.body.revoked_at).not.toBeNull();
    await expect(chat(secondSecret)).rejects.toMatchObject({ status: 403, code: "key_revoked" });

    const audit = await db.auditEvent.findMany({ where: { orgId: t.org.id, actorType: "token" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["provider.created", "key.created", "key.updated", "key.updated", "key.rotated", "key.revoked"]);
    expect(audit.find((e) => e.action === "key.updated")?.metadata).toMatchObject({ fields: ["budgets"] });
  });

  it("keeps the planes apart: a virtual key cannot manage, a management token cannot proxy", async () => {
    const { body } = await api.call("createKey", { body: { name: "plane test" } });
    const asKey = await managementClient(app.url, body.key).call("listKeys");
    expect(asKey.status).toBe(401);
    expect(asKey.body.error).toMatchObject({ type: "authentication_error", code: "invalid_management_token" });

    const token = (await t.token(["admin"])).secret;
    await expect(new OpenAI({ baseURL: `${app.url}/v1`, apiKey: token, maxRetries: 0 }).models.list()).rejects.toMatchObject({
      status: 401,
      code: "invalid_api_key",
    });
  });
});
