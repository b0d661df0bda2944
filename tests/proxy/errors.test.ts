// Every rejection: status, OpenAI (or Anthropic) shape, no internals, and nothing forwarded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { revokeKey } from "@/lib/keys/revoke";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let secret: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

async function post(path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${secret}` }) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { res, json: (await res.json()) as { error: { message: string; type: string; code: string; param: string | null } } };
}

const chat = { model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] };

function expectOpenAIError(json: unknown, code: string) {
  expect(json).toMatchObject({ error: { code, message: expect.any(String), type: expect.any(String) } });
  expect(json).toHaveProperty("error.param");
}

describe("authentication", () => {
  it("401 invalid_api_key for a missing key", async () => {
    const { res, json } = await post("/v1/chat/completions", chat, {});
    expect(res.status).toBe(401);
    expectOpenAIError(json, "invalid_api_key");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("x-should-retry")).toBe("false");
  });

  it("401 invalid_api_key for an unknown key, without echoing it", async () => {
    const bogus = "sk-latch-thisisnotarealkeyatallthisisnotarealkey";
    const { res, json } = await post("/v1/chat/completions", chat, { authorization: `Bearer ${bogus}` });
    expect(res.status).toBe(401);
    expectOpenAIError(json, "invalid_api_key");
    expect(JSON.stringify(json)).not.toContain(bogus);
  });

  it("403 key_revoked for a revoked key, through the SDK without retries", async () => {
    const key = await t.key({ name: "to revoke" });
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: key.secret });
    await expect(client.chat.completions.create(chat as OpenAI.ChatCompletionCreateParamsNonStreaming)).rejects.toMatchObject({
      status: 403,
      code: "key_revoked",
    });
    expect(fake.requests).toHaveLength(0);
  });

  it("401 key_expired from the instant of expiry", async () => {
    const key = await t.key({ name: "expiring", expiresAt: new Date(Date.now() + 60_000) });
    await db.virtualKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    (await import("@/lib/gateway/key-cache")).clearKeyCache();
    const { res, json } = await post("/v1/chat/completions", chat, { authorization: `Bearer ${key.secret}` });
    expect(res.status).toBe(401);
    expectOpenAIError(json, "key_expired");
  });
});

describe("request validation", () => {
  it("404 model_not_found for an unknown model", async () => {
    const { res, json } = await post("/v1/chat/completions", { ...chat, model: "no-such-model" });
    expect(res.status).toBe(404);
    expectOpenAIError(json, "model_not_found");
    expect(json.error.param).toBe("model");
  });

  it("400 naming the field for a malformed body", async () => {
    const { res, json } = await post("/v1/chat/completions", { model: "gpt-4o-mini", messages: "nope" });
    expect(res.status).toBe(400);
    expect(json.error).toMatchObject({ type: "invalid_request_error", param: "messages" });
    const missing = await post("/v1/chat/completions", { messages: chat.messages });
    expect(missing.json.error.param).toBe("model");
    const notJson = await post("/v1/chat/completions", "{oops");
    expect(notJson.res.status).toBe(400);
  });

  it("413 for a body over the size limit", async () => {
    const huge = { ...chat, messages: [{ role: "user", content: "x".repeat(11 * 1024 * 1024) }] };
    const { res, json } = await post("/v1/chat/completions", huge);
    expect(res.status).toBe(413);
    expectOpenAIError(json, "request_too_large");
  });

  it("400 when the model does not serve the endpoint", async () => {
    const { res, json } = await post("/v1/embeddings", { model: "claude-haiku", input: "x" });
    expect(res.status).toBe(400);
    expectOpenAIError(json, "unsupported_endpoint");
  });

  it("nothing above reached the provider", () => {
    expect(fake.requests).toHaveLength(0);
  });
});

describe("provider errors", () => {
  it("pass through with their status and a sanitised body", async () => {
    fake.configure({
      failWith: { status: 400, body: { error: { message: "bad temperature", type: "invalid_request_error", param: "temperature", code: null } } },
    });
    const { res, json } = await post("/v1/chat/completions", chat);
    expect(res.status).toBe(400);
    expect(json.error).toMatchObject({ message: "bad temperature", param: "temperature" });
  });

  it("a provider 429 stays retryable", async () => {
    fake.configure({ failWith: { status: 429, body: { error: { message: "slow down", type: "rate_limit_error" } } } });
    const { res } = await post("/v1/chat/completions", chat);
    expect(res.status).toBe(429);
    expect(res.headers.get("x-should-retry")).toBeNull();
  });

  it("a provider redirect is neither followed nor relayed", async () => {
    fake.configure({ failWith: { status: 302, headers: { location: "http://127.0.0.1:1/elsewhere" }, body: "" } });
    const { res, json } = await post("/v1/chat/completions", chat);
    expect(res.status).toBe(502);
    expect(res.headers.get("location")).toBeNull();
    expectOpenAIError(json, "upstream_invalid_response");
    expect(fake.requests).toHaveLength(1);
  });

  it("an unreachable provider is a clean 502", async () => {
    fake.configure({ dropConnection: "before-headers" });
    const { res, json } = await post("/v1/chat/completions", chat);
    expect(res.status).toBe(502);
    expectOpenAIError(json, "upstream_unavailable");
  });

  it("a stream cut mid-way ends with an SSE error event", async () => {
    fake.configure({ dropConnection: "mid-stream", chunks: 5 });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ ...chat, stream: true }),
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain('"code":"upstream_stream_error"');
  });
});

describe("/v1/messages errors are Anthropic-shaped", () => {
  it("401 and 404", async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: "sk-latch-wrong", maxRetries: 0 });
    await expect(anthropic.messages.create({ model: "haiku", max_tokens: 5, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 401,
    });
    const { res, json } = await post("/v1/messages", { model: "nope", max_tokens: 5, messages: [{ role: "user", content: "x" }] });
    expect(res.status).toBe(404);
    expect(json).toMatchObject({ type: "error", error: { type: "not_found_error", message: expect.any(String) } });
  });
});
