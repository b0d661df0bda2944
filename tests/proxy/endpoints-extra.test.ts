// Token counting and the Responses sub-endpoints, through the official SDKs, on the lean path and
// the Next route handlers: forwarded with the org's credential, under the key's policy and
// limits, metered; a clean error where the provider has no such endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startAppServer } from "@/tests/helpers/app-server";
import { ANTHROPIC_SECRET, createTestOrg, OPENAI_SECRET, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { publishInvalidation } from "@/lib/invalidation";
import { usageQueue } from "@/lib/usage/queue";

let fake: FakeProvider;
let t: TestOrg;
let secret: string;
beforeAll(async () => {
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const user = [{ role: "user" as const, content: "hi" }];

describe.each([
  ["lean node:http path", () => startGateway()],
  ["Next route handlers", () => startAppServer({ fastPath: false })],
])("%s", (_name, start) => {
  let gateway: TestGateway;
  let anthropic: Anthropic;
  let openai: OpenAI;
  beforeAll(async () => {
    gateway = await start();
    anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  describe("POST /v1/messages/count_tokens", () => {
    it("is forwarded to Anthropic with the org's key and the client's betas", async () => {
      const count = await anthropic.beta.messages.countTokens({ model: "haiku", messages: user, betas: ["context-management-2025-06-27"] });
      expect(count.input_tokens).toBe(10);
      const received = fake.requests.at(-1)!;
      expect(received.path).toBe("/v1/messages/count_tokens");
      expect(received.headers["x-api-key"]).toBe(ANTHROPIC_SECRET);
      // The SDK adds its own token-counting beta to the one asked for: both go through.
      expect(received.headers["anthropic-beta"]).toBe("context-management-2025-06-27,token-counting-2024-11-01");
      expect(received.json).toMatchObject({ model: "claude-3-5-haiku-latest", messages: user });
    });

    it("answers 404 not_found_error where the provider cannot count, never a made-up zero", async () => {
      const err = await anthropic.messages.countTokens({ model: "echo", messages: user }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.NotFoundError);
      expect((err as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
      expect(fake.requests).toHaveLength(0);
    });

    it("stays under the key's model policy", async () => {
      const limited = new Anthropic({ baseURL: gateway.url, apiKey: (await t.key({ allowedModels: ["gpt-*"] })).secret, maxRetries: 0 });
      await expect(limited.messages.countTokens({ model: "haiku", messages: user })).rejects.toBeInstanceOf(Anthropic.PermissionDeniedError);
    });
  });

  describe("Responses sub-endpoints", () => {
    it("GET /v1/responses/{id} retrieves from the credential that created the response", async () => {
      const created = await openai.responses.create({ model: "gpt-4o-mini", input: "hi" });
      const retrieved = await openai.responses.retrieve(created.id);
      expect(retrieved.id).toBe(created.id);
      expect(retrieved.output_text).toBe("Hello from fake");
      const received = fake.requests.at(-1)!;
      expect(received).toMatchObject({ method: "GET", path: `/v1/responses/${created.id}` });
      expect(received.headers.authorization).toBe(`Bearer ${OPENAI_SECRET}`);
    });

    it("an id the provider does not know is its 404", async () => {
      await expect(openai.responses.retrieve("resp_unknown")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
      expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/responses/resp_unknown" });
    });

    it("POST /v1/responses/input_tokens counts through the SDK", async () => {
      const count = await openai.responses.inputTokens.count({ model: "gpt-4o-mini", input: "hi" });
      expect(count).toEqual({ object: "response.input_tokens", input_tokens: 10 });
      expect(fake.requests.at(-1)!).toMatchObject({ path: "/v1/responses/input_tokens", json: { model: "gpt-4o-mini", input: "hi" } });
    });

    it("POST /v1/responses/compact compacts through the SDK", async () => {
      const compacted = await openai.responses.compact({ model: "gpt-4o-mini", input: [{ role: "user", content: "hi" }] });
      expect(compacted.object).toBe("response.compaction");
      expect(compacted.output.at(-1)).toMatchObject({ type: "compaction" });
    });

    it("answers 400 unsupported_endpoint for a provider without them", async () => {
      await expect(openai.responses.inputTokens.count({ model: "claude-haiku", input: "hi" })).rejects.toMatchObject({
        status: 400,
        code: "unsupported_endpoint",
      });
      await expect(openai.responses.compact({ model: "claude-haiku", input: "hi" })).rejects.toMatchObject({ status: 400, code: "unsupported_endpoint" });
      expect(fake.requests).toHaveLength(0);
    });
  });
});

describe("metering and limits", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it("counting is metered as a request of zero tokens and reserves no budget", async () => {
    const key = await t.key({ name: "tiny budget", budgets: [{ kind: "tokens", period: "daily", limit: 50 }] });
    const client = new Anthropic({ baseURL: gateway.url, apiKey: key.secret, maxRetries: 0 });
    await expect(client.messages.create({ model: "haiku", max_tokens: 100, messages: user })).rejects.toMatchObject({ status: 429 });
    expect((await client.messages.countTokens({ model: "haiku", messages: user })).input_tokens).toBe(10);
    await usageQueue.flush();
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { keyId: key.id, endpoint: "messages.count_tokens" } }));
    expect(event).toMatchObject({ outcome: "success", status: 200, inputTokens: 0, outputTokens: 0 });
    expect(Number(event.costUsd)).toBe(0);
  });
});

describe("GET /v1/responses/{id} with two OpenAI accounts", () => {
  let gateway: TestGateway;
  let second: FakeProvider;
  let openai: OpenAI;
  beforeAll(async () => {
    [gateway, second] = await Promise.all([startGateway(), startFakeProvider({ replyText: "from the second account" })]);
    const org = await createTestOrg(fake.url);
    const other = await db.providerCredential.create({
      data: { orgId: org.org.id, name: "OpenAI 2", provider: "openai", baseUrl: `${second.url}/v1`, encryptedSecret: encryptSecret("sk-second") },
    });
    await db.modelRoute.create({ data: { orgId: org.org.id, publicName: "gpt-4o", credentialId: other.id, upstreamModel: "gpt-4o" } });
    await publishInvalidation({ kind: "org", orgId: org.org.id });
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: (await org.key()).secret, maxRetries: 0 });
  });
  afterAll(async () => {
    await gateway.close();
    await second.close();
  });
  beforeEach(() => second.reset());

  it("goes to the account that created the response, streamed or not", async () => {
    const stream = await openai.responses.create({ model: "gpt-4o", input: "hi", stream: true });
    let id = "";
    for await (const event of stream) if (event.type === "response.created") id = event.response.id;
    expect((await openai.responses.retrieve(id)).output_text).toBe("from the second account");
    expect(second.requests.at(-1)).toMatchObject({ method: "GET", path: `/v1/responses/${id}` });
    expect(fake.requests.filter((r) => r.method === "GET")).toHaveLength(0);
  });

  it("an id Latch never saw is a 404 without asking either account", async () => {
    const err = await openai.responses.retrieve("resp_elsewhere").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ code: "response_not_found" });
    expect([...fake.requests, ...second.requests]).toHaveLength(0);
  });
});
