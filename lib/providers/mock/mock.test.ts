import { describe, expect, it } from "vitest";
import { buildInput, credential, jsonEvents, splitSse, streamedTokens } from "../test-helpers";
import type { BuildRequestInput } from "../types";
import { embeddingVector, MAX_REPLY_CHARS } from "./echo";
import { mockAdapter as adapter } from "./index";

const mockInput = (overrides: Partial<BuildRequestInput>) =>
  buildInput({ upstreamModel: "echo", credential: credential({ provider: "mock", secret: null }), ...overrides });

/** The core's path: buildRequest → invokeLocal → parseResponse, or stream transformer. */
async function callJson(input: BuildRequestInput) {
  const res = await adapter.invokeLocal!(adapter.buildRequest(input), input);
  expect(res.headers.get("content-type")).toBe("application/json");
  return adapter.parseResponse(input.endpoint, await res.json(), input);
}

async function callStream(input: BuildRequestInput) {
  const res = await adapter.invokeLocal!(adapter.buildRequest(input), input);
  expect(res.headers.get("content-type")).toBe("text/event-stream");
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let reads = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    text += decoder.decode(r.value, { stream: true });
    reads++;
  }
  const t = adapter.createStreamTransformer(input.endpoint, input);
  const out =
    splitSse(text)
      .map((ev) => t.push(ev))
      .join("") + t.flush();
  return { out, upstream: text, reads, t };
}

const chatBody = {
  model: "my-echo",
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Hello there" },
  ],
};
const promptChars = "You are terse.".length + "Hello there".length;

describe("mock provider", () => {
  it("needs no secret and no base URL", () => {
    expect(adapter.needsSecret).toBe(false);
    expect(adapter.defaultBaseUrl).toBeNull();
    expect(adapter.buildModelsRequest!(credential())).toBeNull();
  });

  it("echoes the last user message in chat JSON with estimated usage", async () => {
    const { body, usage } = await callJson(mockInput({ body: chatBody }));
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "echo",
      choices: [{ message: { role: "assistant", content: "Echo: Hello there" }, finish_reason: "stop" }],
    });
    expect(usage).toEqual({
      inputTokens: Math.ceil(promptChars / 4),
      outputTokens: Math.ceil("Echo: Hello there".length / 4),
      cachedInputTokens: 0,
    });
  });

  it("trims the reply to 2,000 chars", async () => {
    const body = { messages: [{ role: "user", content: "y".repeat(5000) }] };
    const { body: out } = await callJson(mockInput({ body, upstreamModel: "echo-large" }));
    const content = (out as { choices: { message: { content: string } }[] }).choices[0]!.message.content;
    expect(content.length).toBe(MAX_REPLY_CHARS);
  });

  it("streams chat in several reads and strips the usage chunk the client did not ask for", async () => {
    const input = mockInput({ body: { ...chatBody, stream: true }, stream: true });
    const { out, upstream, reads, t } = await callStream(input);
    expect(reads).toBeGreaterThan(3);
    expect(upstream).toContain('"choices":[]');
    expect(out).not.toContain('"choices":[]');
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);
    const text = jsonEvents(out)
      .map((c) => (c.choices as { delta: { content?: string } }[])[0]?.delta.content ?? "")
      .join("");
    expect(text).toBe("Echo: Hello there");
    expect(t.usage()).toEqual({ inputTokens: Math.ceil(promptChars / 4), outputTokens: 5, cachedInputTokens: 0 });
    expect(await t.countStreamedOutput()).toBe(streamedTokens("Echo: Hello there", true));
  });

  it("keeps the usage chunk when the client asked for it", async () => {
    const body = { ...chatBody, stream: true, stream_options: { include_usage: true } };
    const { out } = await callStream(mockInput({ body, stream: true, clientWantsStreamUsage: true }));
    expect(jsonEvents(out).at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5 } });
  });

  it("serves the Responses API (JSON and stream)", async () => {
    const body = { instructions: "Be kind.", input: [{ role: "user", content: [{ type: "input_text", text: "Hi" }] }] };
    const json = await callJson(mockInput({ endpoint: "responses", body }));
    expect(json.body).toMatchObject({ object: "response", output: [{ content: [{ type: "output_text", text: "Echo: Hi" }] }] });
    expect(json.usage).toEqual({ inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 });
    const streamed = await callStream(mockInput({ endpoint: "responses", body: { ...body, stream: true }, stream: true }));
    expect(streamed.t.usage()).toEqual(json.usage);
    expect(await streamed.t.countStreamedOutput()).toBe(streamedTokens("Echo: Hi", true));
    expect(streamed.out).toBe(streamed.upstream);
  });

  it("serves legacy completions", async () => {
    const { body, usage } = await callJson(mockInput({ endpoint: "completions", body: { prompt: "Say hi" } }));
    expect(body).toMatchObject({ object: "text_completion", choices: [{ text: "Echo: Say hi" }] });
    expect(usage?.inputTokens).toBe(2);
  });

  it("returns deterministic 8-dim embeddings (float and base64)", async () => {
    const input = mockInput({ endpoint: "embeddings", body: { input: ["alpha", "beta"] } });
    const a = await callJson(input);
    const b = await callJson(input);
    const data = (a.body as { data: { embedding: number[] }[] }).data;
    expect(data).toHaveLength(2);
    expect(data[0]!.embedding).toHaveLength(8);
    expect(data[0]!.embedding).toEqual(embeddingVector("alpha"));
    expect(data[0]!.embedding).not.toEqual(data[1]!.embedding);
    expect(a.body).toMatchObject({ data: (b.body as { data: unknown[] }).data });
    expect(a.usage).toEqual({ inputTokens: Math.ceil(9 / 4), outputTokens: 0, cachedInputTokens: 0 });

    const b64 = await callJson(mockInput({ endpoint: "embeddings", body: { input: "alpha", encoding_format: "base64" } }));
    const encoded = (b64.body as { data: { embedding: string }[] }).data[0]!.embedding;
    const floats = new Float32Array(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)).buffer);
    expect(Array.from(floats)).toEqual(embeddingVector("alpha").map(Math.fround));
  });

  it("speaks Anthropic format for /v1/messages (JSON and stream)", async () => {
    const body = { model: "x", max_tokens: 50, system: "Sys", messages: [{ role: "user", content: [{ type: "text", text: "Yo" }] }] };
    const json = await callJson(mockInput({ endpoint: "messages", body }));
    expect(json.body).toMatchObject({ type: "message", content: [{ type: "text", text: "Echo: Yo" }], stop_reason: "end_turn" });
    expect(json.usage).toEqual({ inputTokens: 2, outputTokens: 2, cachedInputTokens: 0 });
    const streamed = await callStream(mockInput({ endpoint: "messages", body: { ...body, stream: true }, stream: true }));
    expect(streamed.out).toBe(streamed.upstream);
    expect(splitSse(streamed.out).map((e) => e.event)).toContain("message_stop");
    expect(streamed.t.usage()).toEqual(json.usage);
    expect(await streamed.t.countStreamedOutput()).toBe(streamedTokens("Echo: Yo", true));
  });

  it("answers an invalid body with an OpenAI-shaped 400", async () => {
    const input = mockInput({});
    const res = await adapter.invokeLocal!({ url: "mock://local/v1/chat/completions", method: "POST", headers: {}, body: "[]" }, input);
    expect(res.status).toBe(400);
    expect(adapter.mapError(res.status, await res.text())).toMatchObject({ status: 400, type: "invalid_request_error" });
  });
});
