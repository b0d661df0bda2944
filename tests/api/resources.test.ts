// CRUD for providers, model routes and prices over raw HTTP, each write checked in the audit log
// and in the gateway (which must see the change at once).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { FAKE_AWS_KEYS, startFakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { FAKE_VERTEX_PROJECT, startFakeVertex } from "@/e2e/fixtures/fake-vertex";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

let fake: FakeProvider;
let app: TestGateway;
let t: ApiOrg;
let api: ReturnType<typeof managementClient>;
let tokenId: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  app = await startAppServer();
  t = await createApiOrg();
  const token = await t.token(["admin"]);
  tokenId = token.id;
  api = managementClient(app.url, token.secret);
});
afterAll(async () => {
  await app.close();
  await fake.close();
});
beforeEach(() => fake.reset());

async function lastAudit(targetId: string) {
  const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: t.org.id, targetId }, orderBy: { createdAt: "desc" } });
  expect(event).toMatchObject({ actorType: "token", actorId: tokenId });
  return event.action;
}

describe("providers", () => {
  it("creates, reads, updates, tests and deletes a provider without ever returning its secret", async () => {
    fake.configure({ requireKey: "sk-first-0001" });
    const created = await api.call("createProvider", {
      body: { type: "openai", name: "Upstream", base_url: `${fake.url}/v1`, api_key: "sk-first-0001", models: ["gpt-4o-mini"] },
    });
    const id = created.body.id;
    expect(created.body).toMatchObject({ type: "openai", api_key_last4: "0001", models: ["gpt-4o-mini"], status: "active" });
    expect(await lastAudit(id)).toBe("provider.created");
    expect((await api.call("testProvider", { params: { id } })).body).toMatchObject({ ok: true, status: 200 });

    const rekeyed = await api.call("updateProvider", { params: { id }, body: { api_key: "sk-wrong-0002", name: "Upstream EU" } });
    expect(rekeyed.body).toMatchObject({ name: "Upstream EU", api_key_last4: "0002" });
    expect(JSON.stringify(rekeyed.body)).not.toContain("sk-wrong");
    expect(await lastAudit(id)).toBe("provider.updated");
    const failing = await api.call("testProvider", { params: { id } });
    expect(failing.body).toMatchObject({ ok: false, status: 401 });
    expect(failing.body.error).toEqual(expect.any(String));

    expect((await api.call("getProvider", { params: { id } })).body.name).toBe("Upstream EU");
    expect((await api.call("listProviders")).body.data.map((p: { id: string }) => p.id)).toContain(id);
    expect((await api.call("createProvider", { body: { type: "mock", name: "Upstream EU" } })).status).toBe(409);

    expect((await api.call("deleteProvider", { params: { id } })).body).toEqual({ id, object: "provider", deleted: true });
    expect(await lastAudit(id)).toBe("provider.deleted");
    expect(await db.modelRoute.count({ where: { credentialId: id } })).toBe(0);
    expect((await api.call("getProvider", { params: { id } })).status).toBe(404);
  });

  it("routes an Azure provider's deployments and re-points them on update", async () => {
    const created = await api.call("createProvider", {
      body: { type: "azure", name: "Azure", base_url: fake.url, api_key: "azure-key", api_version: "2024-10-21", deployments: { "gpt-4o-mini": "prod-mini" } },
    });
    expect(created.body).toMatchObject({ type: "azure", api_version: "2024-10-21", deployments: { "gpt-4o-mini": "prod-mini" }, models: ["gpt-4o-mini"] });
    const routeOf = () => db.modelRoute.findFirstOrThrow({ where: { credentialId: created.body.id, publicName: "gpt-4o-mini" } });
    expect((await routeOf()).upstreamModel).toBe("prod-mini");
    const updated = await api.call("updateProvider", {
      params: { id: created.body.id },
      body: { deployments: { "gpt-4o-mini": "prod-mini-2", "gpt-4o": "prod-4o" } },
    });
    expect(updated.body.models).toEqual(["gpt-4o-mini", "gpt-4o"]);
    expect((await routeOf()).upstreamModel).toBe("prod-mini-2");
  });

  it("reports an unreachable provider without failing the call", async () => {
    const { body } = await api.call("createProvider", { body: { type: "openai_compatible", name: "Nowhere", base_url: "http://127.0.0.1:9/v1" } });
    expect((await api.call("testProvider", { params: { id: body.id } })).body).toMatchObject({
      ok: false,
      status: null,
      error: "The provider could not be reached.",
    });
    const mock = await api.call("createProvider", { body: { type: "mock", name: "Echo" } });
    expect((await api.call("testProvider", { params: { id: mock.body.id } })).body).toMatchObject({ ok: true });
  });
});

describe("cloud providers", () => {
  it("creates Bedrock and Vertex AI providers with region, project and STS endpoint, and tests them", async () => {
    const [bedrock, vertex] = await Promise.all([startFakeBedrock(), startFakeVertex()]);
    try {
      const aws = JSON.stringify(FAKE_AWS_KEYS);
      const br = {
        type: "bedrock",
        name: "Bedrock",
        base_url: bedrock.url,
        api_key: aws,
        region: bedrock.region,
        models: ["anthropic.claude-3-5-haiku-20241022-v1:0"],
      };
      expect((await api.call("createProvider", { body: { ...br, region: undefined } })).body.error).toMatchObject({ param: "region" });
      expect((await api.call("createProvider", { body: { ...br, api_key: "AKIA-not-json" } })).body.error).toMatchObject({ param: "api_key" });
      expect((await api.call("createProvider", { body: { ...br, sts_endpoint: "http://169.254.169.254/" } })).body.error).toMatchObject({
        param: "sts_endpoint",
        code: "url_not_allowed",
      });
      const created = await api.call("createProvider", { body: { ...br, sts_endpoint: bedrock.url } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ type: "bedrock", region: bedrock.region, project: null, sts_endpoint: bedrock.url, api_key_last4: "0001" });
      expect(JSON.stringify(created.body)).not.toContain(FAKE_AWS_KEYS.secretAccessKey);
      expect((await api.call("testProvider", { params: { id: created.body.id } })).body).toMatchObject({ ok: true, status: 200 });
      const moved = await api.call("updateProvider", { params: { id: created.body.id }, body: { region: "eu-central-1", sts_endpoint: null } });
      expect(moved.body).toMatchObject({ region: "eu-central-1", sts_endpoint: null });

      const vx = { type: "vertex", name: "Vertex", base_url: vertex.url, api_key: vertex.serviceAccountKey(), region: vertex.region };
      const noProject = JSON.stringify({ ...JSON.parse(vx.api_key), project_id: undefined });
      expect((await api.call("createProvider", { body: { ...vx, api_key: noProject } })).body.error).toMatchObject({ param: "project" });
      const sa = await api.call("createProvider", { body: vx });
      expect(sa.body).toMatchObject({ type: "vertex", region: vertex.region, project: FAKE_VERTEX_PROJECT, sts_endpoint: null, api_key_last4: "atch" });
      expect((await api.call("testProvider", { params: { id: sa.body.id } })).body).toMatchObject({ ok: true, status: null });
    } finally {
      await Promise.all([bedrock.close(), vertex.close()]);
    }
  });
});

describe("model routes and prices", () => {
  it("routes a model and prices it, and the gateway follows each change at once", async () => {
    const provider = (await api.call("createProvider", { body: { type: "openai", name: "OpenAI", base_url: `${fake.url}/v1`, api_key: "sk-openai-key" } }))
      .body;
    const { body: key } = await api.call("createKey", { body: { name: "router" } });
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key.key, maxRetries: 0 });
    const ask = () => client.chat.completions.create({ model: "house-model", messages: [{ role: "user", content: "hi" }] });
    await expect(ask()).rejects.toMatchObject({ status: 404 });

    const route = await api.call("createModelRoute", {
      body: { model: "house-model", provider_id: provider.id, upstream_model: "gpt-4o", aliases: ["house"] },
    });
    expect(route.status).toBe(201);
    expect(route.body).toMatchObject({ model: "house-model", upstream_model: "gpt-4o", provider_type: "openai", enabled: true, priority: 0 });
    expect(await lastAudit(route.body.id)).toBe("model_route.created");
    expect((await api.call("createModelRoute", { body: { model: "house-model", provider_id: provider.id } })).status).toBe(409);

    const price = await api.call("createPrice", { body: { provider: "openai", model: "gpt-4o", input_usd_per_million: 1000, output_usd_per_million: 2000 } });
    expect(price.body).toMatchObject({ input_usd_per_million: 1000, output_usd_per_million: 2000, cached_input_usd_per_million: null });
    expect(await lastAudit(price.body.id)).toBe("price.created");
    expect((await api.call("createPrice", { body: { provider: "openai", model: "gpt-4o", input_usd_per_million: 1, output_usd_per_million: 1 } })).status).toBe(
      409,
    );

    await ask();
    expect(JSON.parse(fake.requests.at(-1)!.body).model).toBe("gpt-4o");
    await usageQueue.flush();
    expect((await api.call("getKey", { params: { id: key.id } })).body.spend_usd).toBeCloseTo((10 * 1000 + 5 * 2000) / 1e6, 10);

    const catalog = (await api.call("getPriceCatalog")).body;
    expect(catalog).toMatchObject({ object: "price_catalog", source: "@pydantic/genai-prices", as_of: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // The org price's unset classes follow the catalog's rules: cached input at input, reasoning at output.
    expect(catalog.models.find((m: { provider: string; model: string }) => m.provider === "openai" && m.model === "gpt-4o")).toMatchObject({
      source: "org",
      routed: true,
      catalog_model: "gpt-4o",
      input_usd_per_million: 1000,
      cached_input_usd_per_million: 1000,
      reasoning_usd_per_million: 2000,
      service_tiers: { flex: { input_usd_per_million: 500, output_usd_per_million: 1000 } },
    });

    const classes = await api.call("updatePrice", {
      params: { id: price.body.id },
      body: { cached_input_usd_per_million: 100, reasoning_usd_per_million: 3000, web_search_usd_per_thousand: 25 },
    });
    expect(classes.body).toMatchObject({
      cached_input_usd_per_million: 100,
      reasoning_usd_per_million: 3000,
      web_search_usd_per_thousand: 25,
      cache_write_1h_usd_per_million: null,
    });
    expect((await api.call("getPriceCatalog")).body.models.find((m: { model: string }) => m.model === "gpt-4o")).toMatchObject({
      cached_input_usd_per_million: 100,
      reasoning_usd_per_million: 3000,
      web_search_usd_per_thousand: 25,
    });

    const cheaper = await api.call("updatePrice", { params: { id: price.body.id }, body: { input_usd_per_million: 0, output_usd_per_million: 0 } });
    expect(cheaper.body.input_usd_per_million).toBe(0);
    expect(await lastAudit(price.body.id)).toBe("price.updated");
    expect((await api.call("getPrice", { params: { id: price.body.id } })).body.output_usd_per_million).toBe(0);
    expect((await api.call("listPrices", { query: { model: "gpt-4o" } })).body.data).toHaveLength(1);

    const disabled = await api.call("updateModelRoute", { params: { id: route.body.id }, body: { enabled: false, priority: 5 } });
    expect(disabled.body).toMatchObject({ enabled: false, priority: 5 });
    expect(await lastAudit(route.body.id)).toBe("model_route.updated");
    await expect(ask()).rejects.toMatchObject({ status: 404 });
    expect((await api.call("getModelRoute", { params: { id: route.body.id } })).body.enabled).toBe(false);
    expect((await api.call("listModelRoutes", { query: { model: "house-model" } })).body.data).toHaveLength(1);

    expect((await api.call("deleteModelRoute", { params: { id: route.body.id } })).body.deleted).toBe(true);
    expect(await lastAudit(route.body.id)).toBe("model_route.deleted");
    expect((await api.call("deletePrice", { params: { id: price.body.id } })).body.deleted).toBe(true);
    expect(await lastAudit(price.body.id)).toBe("price.deleted");
    expect((await api.call("listPrices")).body.data).toHaveLength(0);
  });
});
