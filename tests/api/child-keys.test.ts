// Child keys over the management API: minted with a management token for a key that allows
// delegation, shown with their parent and run, and not widened afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";

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
  await app?.close();
  await fake?.close();
});

describe("POST /v1/keys/{id}/children", () => {
  it("mints a narrower child carved from the parent, which the API shows and will not widen", async () => {
    await api.call("createProvider", {
      body: { type: "openai_compatible", name: "Fake", base_url: `${fake.url}/v1`, api_key: "sk-up", models: ["gpt-4o-mini"] },
    });
    const parent = await api.call("createKey", {
      body: { name: "ci", owner_email: t.developer.email, spend_limit_usd: 1, spend_reset_period: "monthly", max_child_keys: 3 },
    });
    expect(parent.body).toMatchObject({ max_child_keys: 3, parent_key_id: null });

    const child = await api.call("createChildKey", { params: { id: parent.body.id }, body: { run_id: "build-42", budget_usd: 0.25, ttl_seconds: 600 } });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({ parent_key_id: parent.body.id, run_id: "build-42" });
    const reply = await new OpenAI({ baseURL: `${app.url}/v1`, apiKey: child.body.key, maxRetries: 0 }).chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(reply.choices[0]?.message.content).toBe("Hello from fake");

    const shown = await api.call("getKey", { params: { id: child.body.id } });
    expect(shown.body).toMatchObject({ parent_key_id: parent.body.id, run_id: "build-42", limits: [{ type: "spend", amount: 0.25, period: null }] });
    const widened = await api.call("updateKey", { params: { id: child.body.id }, body: { spend_limit_usd: 5 } });
    expect(widened).toMatchObject({ status: 400, body: { error: { code: "exceeds_parent" } } });

    const tooBig = await api.call("createChildKey", { params: { id: parent.body.id }, body: { budget_usd: 0.8 } });
    expect(tooBig).toMatchObject({ status: 429, body: { error: { code: "budget_exceeded" } } });
  });
});
