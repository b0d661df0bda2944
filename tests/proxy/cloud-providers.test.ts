// Amazon Bedrock and Google Vertex AI behind virtual keys, through the official SDKs, against
// loopback fakes that check SigV4 signatures and OAuth tokens the way the real services do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeBedrock, TOOL_INPUT, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { FAKE_VERTEX_PROJECT, startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { CLOUD_MODELS, createCloudOrg } from "@/tests/helpers/cloud-org";
import { waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

let bedrock: FakeBedrock;
let vertex: FakeVertex;
let gateway: TestGateway;
let t: TestOrg;

const clients = (secret: string) => ({
  openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 }),
  anthropic: new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 }),
});
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  [bedrock, vertex, gateway] = await Promise.all([startFakeBedrock(), startFakeVertex(), startGateway()]);
  t = await createCloudOrg(bedrock, vertex);
  ({ openai, anthropic } = clients((await t.key()).secret));
});
afterAll(async () => {
  await Promise.all([gateway.close(), bedrock.close(), vertex.close()]);
});
beforeEach(() => {
  bedrock.reset();
  vertex.reset();
});

const user = [{ role: "user" as const, content: "hi" }];
const converseCalls = () => bedrock.requests.filter((r) => r.operation.startsWith("converse"));

/** The Responses API for a Claude model, plain and streamed: text, usage, terminal event. */
async function responsesBothWays(model: string) {
  const plain = await openai.responses.create({ model, input: "hi", instructions: "be brief" });
  const types: string[] = [];
  let streamed = "";
  for await (const event of await openai.responses.create({ model, input: "hi", stream: true })) {
    types.push(event.type);
    if (event.type === "response.output_text.delta") streamed += event.delta;
  }
  return { text: plain.output_text, usage: plain.usage, streamed, first: types[0], last: types.at(-1) };
}

async function chatStreamText(model: string) {
  const stream = await openai.chat.completions.create({ model, messages: user, stream: true, stream_options: { include_usage: true } });
  let text = "";
  let usage: OpenAI.CompletionUsage | null | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    usage ??= chunk.usage;
  }
  return { text, usage };
}

describe("Amazon Bedrock", () => {
  it("chat completions, plain and streamed, over Converse with a valid SigV4 signature", async () => {
    const completion = await openai.chat.completions.create({ model: "bedrock-haiku", messages: [{ role: "system", content: "be brief" }, ...user] });
    expect(completion.choices[0]).toMatchObject({ message: { content: "Hello from Bedrock" }, finish_reason: "stop" });
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: 6 });
    expect(await chatStreamText("bedrock-haiku")).toEqual({
      text: "Hello from Bedrock",
      usage: expect.objectContaining({ prompt_tokens: 12, completion_tokens: 6 }),
    });

    const [plain, streamed] = converseCalls();
    expect([plain?.operation, streamed?.operation]).toEqual(["converse", "converse-stream"]);
    expect(plain).toMatchObject({ modelId: CLOUD_MODELS.bedrockHaiku, path: "/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse" });
    expect(plain!.json).toEqual({ messages: [{ role: "user", content: [{ text: "hi" }] }], system: [{ text: "be brief" }] });
    expect(plain!.headers.authorization).toContain(`/${bedrock.region}/bedrock/aws4_request`);
    expect(bedrock.rejected).toEqual([]);
  });

  it("tool calls translate both ways, and Llama models answer through the same API", async () => {
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }];
    const completion = await openai.chat.completions.create({ model: "bedrock-haiku", messages: user, tools });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(["get_weather", TOOL_INPUT]);
    expect(converseCalls()[0]!.json!.toolConfig).toMatchObject({ tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object" } } } }] });
    const llama = await openai.chat.completions.create({ model: "bedrock-llama", messages: user });
    expect(llama.choices[0]!.message.content).toBe("Hello from Bedrock");
  });

  it("Anthropic messages, plain and streamed", async () => {
    const message = await anthropic.messages.create({ model: "bedrock-haiku", max_tokens: 50, messages: user });
    expect(message).toMatchObject({ content: [{ type: "text", text: "Hello from Bedrock" }], usage: { input_tokens: 12, output_tokens: 6 } });
    const final = await anthropic.messages.stream({ model: "bedrock-haiku", max_tokens: 50, messages: user }).finalMessage();
    expect(final).toMatchObject({
      content: [{ type: "text", text: "Hello from Bedrock" }],
      stop_reason: "end_turn",
      usage: { input_tokens: 12, output_tokens: 6 },
    });
    expect(converseCalls().map((r) => r.json!.inferenceConfig)).toEqual([{ maxTokens: 50 }, { maxTokens: 50 }]);
  });

  it("the Responses API for a Claude model, over Converse", async () => {
    expect(await responsesBothWays("bedrock-haiku")).toEqual({
      text: "Hello from Bedrock",
      usage: expect.objectContaining({ input_tokens: 12, output_tokens: 6 }),
      streamed: "Hello from Bedrock",
      first: "response.created",
      last: "response.completed",
    });
    expect(converseCalls().map((r) => r.operation)).toEqual(["converse", "converse-stream"]);
    expect(converseCalls()[0]!.json).toEqual({ messages: [{ role: "user", content: [{ text: "hi" }] }], system: [{ text: "be brief" }] });
  });

  it("assumes the credential's role once and signs with the temporary keys", async () => {
    for (let i = 0; i < 2; i++) await openai.chat.completions.create({ model: "bedrock-sonnet", messages: user });
    expect(bedrock.requests.filter((r) => r.operation === "AssumeRole")).toHaveLength(1);
    const calls = converseCalls();
    expect(calls.map((r) => r.accessKeyId.slice(0, 4))).toEqual(["ASIA", "ASIA"]);
    expect(calls[0]!.headers["x-amz-security-token"]).toBeTruthy();
  });

  it("maps Bedrock errors, before and during a stream", async () => {
    bedrock.configure({ failWith: { status: 429, message: "Too many requests, please wait before trying again." } });
    await expect(openai.chat.completions.create({ model: "bedrock-haiku", messages: user })).rejects.toMatchObject({ status: 429 });
    bedrock.configure({ failWith: null, streamException: "throttlingException" });
    await expect(anthropic.messages.stream({ model: "bedrock-haiku", max_tokens: 10, messages: user }).finalMessage()).rejects.toThrow(/Fake stream failure/);
  });
});

describe("Google Vertex AI", () => {
  it("Gemini through the OpenAI-compatible endpoint, plain and streamed", async () => {
    const completion = await openai.chat.completions.create({ model: "vertex-flash", messages: user });
    expect(completion.choices[0]!.message.content).toBe("Hello from Vertex");
    expect(await chatStreamText("vertex-flash")).toEqual({
      text: "Hello from Vertex",
      usage: expect.objectContaining({ prompt_tokens: 10, completion_tokens: 5 }),
    });
    const sent = vertex.requests[0]!;
    expect(sent.path).toBe(`/v1/projects/${FAKE_VERTEX_PROJECT}/locations/${vertex.region}/endpoints/openapi/chat/completions`);
    expect(sent.json!.model).toBe("google/gemini-2.5-flash");
    expect(sent.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
  });

  it("Claude through rawPredict and streamRawPredict, from both SDKs", async () => {
    const message = await anthropic.messages.create({ model: "vertex-sonnet", max_tokens: 50, messages: user });
    expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from Vertex" });
    const final = await anthropic.messages.stream({ model: "vertex-sonnet", max_tokens: 50, messages: user }).finalMessage();
    expect(final.usage).toMatchObject({ input_tokens: 10, output_tokens: 5 });
    const completion = await openai.chat.completions.create({ model: "vertex-sonnet", messages: user });
    expect(completion.choices[0]!.message.content).toBe("Hello from Vertex");
    expect(await chatStreamText("vertex-sonnet")).toMatchObject({ text: "Hello from Vertex" });
    expect(vertex.requests.map((r) => r.kind)).toEqual(["rawPredict", "streamRawPredict", "rawPredict", "streamRawPredict"]);
    expect(vertex.requests[0]!.path).toContain("/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict");
    expect(vertex.requests[0]!.json).toMatchObject({ anthropic_version: "vertex-2023-10-16", max_tokens: 50 });
  });

  it("the Responses API for Claude through rawPredict and streamRawPredict", async () => {
    expect(await responsesBothWays("vertex-sonnet")).toEqual({
      text: "Hello from Vertex",
      usage: expect.objectContaining({ input_tokens: 10, output_tokens: 5 }),
      streamed: "Hello from Vertex",
      first: "response.created",
      last: "response.completed",
    });
    expect(vertex.requests.map((r) => r.kind)).toEqual(["rawPredict", "streamRawPredict"]);
    expect(vertex.requests[0]!.json).toMatchObject({ anthropic_version: "vertex-2023-10-16", system: "be brief", max_tokens: 4096 });
    expect(vertex.requests[0]!.json).not.toHaveProperty("model");
  });

  it("mints one access token per service account and reuses it", async () => {
    const other = await createCloudOrg(bedrock, vertex);
    const { openai: client } = clients((await other.key()).secret);
    await Promise.all(Array.from({ length: 5 }, () => client.chat.completions.create({ model: "vertex-flash", messages: user })));
    await client.chat.completions.create({ model: "vertex-sonnet", messages: user });
    expect(vertex.requests).toHaveLength(6);
    expect(vertex.tokenRequests).toHaveLength(1);
  });
});

describe("policies, budgets and attribution", () => {
  it("a key's allowed models hold, and nothing reaches either cloud", async () => {
    const { openai: onlyVertex } = clients((await t.key({ allowedModels: ["vertex-*"] })).secret);
    await expect(onlyVertex.chat.completions.create({ model: "bedrock-haiku", messages: user })).rejects.toMatchObject({
      status: 403,
      code: "model_not_allowed",
    });
    const { anthropic: onlyBedrock } = clients((await t.key({ allowedModels: ["bedrock-*"] })).secret);
    await expect(onlyBedrock.messages.create({ model: "vertex-sonnet", max_tokens: 10, messages: user })).rejects.toMatchObject({ status: 403 });
    expect([bedrock.requests, vertex.requests, vertex.tokenRequests]).toEqual([[], [], []]);
  });

  it("budgets refuse before the provider is called, and cap the output Latch reserved for", async () => {
    const { openai: broke } = clients((await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: 0.000001 }] })).secret);
    await expect(broke.chat.completions.create({ model: "bedrock-haiku", messages: user })).rejects.toMatchObject({ status: 429, code: "budget_exceeded" });
    expect(bedrock.requests).toEqual([]);
    const { openai: budgeted } = clients((await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: 10 }] })).secret);
    await budgeted.chat.completions.create({ model: "bedrock-haiku", messages: user });
    await budgeted.chat.completions.create({ model: "vertex-sonnet", messages: user });
    expect(converseCalls()[0]!.json!.inferenceConfig).toEqual({ maxTokens: 4096 });
    expect(vertex.requests[0]!.json!.max_tokens).toBe(4096);
  });

  it("usage events carry each provider's tokens and catalog cost, cached input included", async () => {
    const key = await t.key();
    const { openai: client } = clients(key.secret);
    bedrock.configure({ usage: { cacheReadInputTokens: 100 } });
    await client.chat.completions.create({ model: "bedrock-haiku", messages: user });
    await client.chat.completions.create({ model: "vertex-flash", messages: user, stream: true }).then(async (s) => {
      for await (const _ of s);
    });
    await client.chat.completions.create({ model: "vertex-sonnet", messages: user });
    const events = await waitFor(async () => {
      await usageQueue.flush();
      const rows = await db.usageEvent.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" } });
      return rows.length === 3 && rows;
    });
    expect(events.map((e) => [e.provider, e.model, e.inputTokens, e.cachedInputTokens, e.outputTokens, e.stream, Number(e.costUsd)])).toEqual([
      ["bedrock", CLOUD_MODELS.bedrockHaiku, 112, 100, 6, false, (12 * 0.8 + 100 * 0.08 + 6 * 4) / 1e6],
      ["vertex", CLOUD_MODELS.vertexFlash, 10, 0, 5, true, (10 * 0.3 + 5 * 2.5) / 1e6],
      ["vertex", CLOUD_MODELS.vertexSonnet, 10, 0, 5, false, (10 * 3 + 5 * 15) / 1e6],
    ]);
  });
});
