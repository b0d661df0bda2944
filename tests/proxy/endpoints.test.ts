// Every data-plane endpoint through the official SDKs, against the fake provider.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { ANTHROPIC_SECRET, createTestOrg, OPENAI_SECRET, type TestOrg } from "@/tests/helpers/org";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let secret: string;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

describe("OpenAI-compatible endpoints", () => {
  it("responses.create, plain and streamed", async () => {
    const response = await openai.responses.create({ model: "gpt-4o-mini", input: "hi" });
    expect(response.output_text).toBe("Hello from fake");
    const stream = await openai.responses.create({ model: "gpt-4o-mini", input: "hi", stream: true });
    let text = "";
    let completed = false;
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = true;
    }
    expect(text).toBe("Hello from fake");
    expect(completed).toBe(true);
    expect(fake.requests.at(-1)!.path).toBe("/v1/responses");
  });

  it("embeddings.create", async () => {
    const result = await openai.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"] });
    expect(result.data).toHaveLength(2);
    expect(result.data[0]!.embedding.length).toBeGreaterThan(0);
  });

  it("legacy completions", async () => {
    const result = await openai.completions.create({ model: "gpt-4o-mini", prompt: "Say hi" });
    expect(result.choices[0]!.text).toContain("Hello");
  });

  it("models.list shows only the models this key may use", async () => {
    const limited = (await t.key({ allowedModels: ["gpt-4o*", "echo"] })).secret;
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: limited, maxRetries: 0 });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(["echo", "gpt-4o-mini"]);
    expect((await client.models.retrieve("echo")).id).toBe("echo");
    await expect(client.models.retrieve("claude-haiku")).rejects.toMatchObject({ status: 404 });
  });

  it("the built-in echo model answers without any provider key", async () => {
    const completion = await openai.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "ping" }] });
    expect(completion.choices[0]!.message.content).toBe("Echo: ping");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Anthropic endpoints", () => {
  it("messages.create passes through natively with the real key in x-api-key", async () => {
    const message = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });
    const received = fake.requests.at(-1)!;
    expect(received.path).toBe("/v1/messages");
    expect(received.headers["x-api-key"]).toBe(ANTHROPIC_SECRET);
    expect((received.json as { model: string }).model).toBe("claude-3-5-haiku-latest");
    expect(JSON.stringify(received.headers)).not.toContain(secret);
  });

  it("messages.stream delivers events and final usage", async () => {
    const stream = anthropic.messages.stream({ model: "haiku", max_tokens: 100, messages: [{ role: "user", content: "hi" }] });
    const final = await stream.finalMessage();
    expect(final.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });
    expect(final.usage.output_tokens).toBe(5);
  });

  it("accepts the key as x-api-key", async () => {
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": secret, "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "haiku", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);
  });
});

describe("OpenAI chat translated to Anthropic", () => {
  it("translates a plain completion", async () => {
    const completion = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hi" },
      ],
    });
    expect(completion.choices[0]).toMatchObject({ message: { role: "assistant", content: "Hello from fake" }, finish_reason: "stop" });
    expect(completion.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5 });
    const sent = fake.requests.at(-1)!.json as { system: unknown; max_tokens: number; messages: unknown[] };
    expect(fake.requests.at(-1)!.path).toBe("/v1/messages");
    expect(sent.system).toBeTruthy();
    expect(sent.max_tokens).toBeGreaterThan(0);
  });

  it("translates tools and tool calls", async () => {
    const completion = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [{ role: "user", content: "weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
    });
    const call = completion.choices[0]!.message.tool_calls?.[0];
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call).toMatchObject({ type: "function", function: { name: "get_weather" } });
    expect(() => JSON.parse((call as { function: { arguments: string } }).function.arguments)).not.toThrow();
    const sent = fake.requests.at(-1)!.json as { tools: { name: string; input_schema: unknown }[] };
    expect(sent.tools[0]).toMatchObject({ name: "get_weather", input_schema: { type: "object" } });
  });

  it("translates a stream into chat.completion chunks", async () => {
    const stream = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe("Hello from fake");
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5 });
  });

  it("translates a streamed tool call", async () => {
    const stream = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [{ role: "user", content: "weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
      stream: true,
    });
    let name = "";
    let args = "";
    for await (const chunk of stream) {
      const call = chunk.choices[0]?.delta.tool_calls?.[0];
      name += call?.function?.name ?? "";
      args += call?.function?.arguments ?? "";
    }
    expect(name).toBe("get_weather");
    expect(() => JSON.parse(args)).not.toThrow();
  });
});

it("never sends the provider secret to the client", async () => {
  fake.configure({
    failWith: {
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${OPENAI_SECRET}`, type: "invalid_request_error", code: "invalid_api_key" } },
    },
  });
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }),
  });
  const text = await res.text();
  expect(res.status).toBe(502);
  expect(text).not.toContain(OPENAI_SECRET);
  expect(JSON.parse(text).error.code).toBe("upstream_auth_failed");
});
