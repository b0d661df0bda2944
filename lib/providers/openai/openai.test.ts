import { afterEach, describe, expect, it, vi } from "vitest";
import { buildInput, credential, runStream, splitSse, streamedTokens } from "../test-helpers";
import * as fx from "./fixtures";
import { openaiAdapter as adapter } from "./index";

afterEach(() => vi.restoreAllMocks());

describe("openai buildRequest", () => {
  it("targets the default base URL with bearer auth and the upstream model", () => {
    const input = buildInput();
    const req = adapter.buildRequest(input);
    expect(req.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(req.method).toBe("POST");
    expect(req.headers).toEqual({ "content-type": "application/json", authorization: "Bearer sk-test-secret-123456" });
    expect(JSON.parse(req.body!)).toEqual({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] });
  });

  it("uses credential.baseUrl (with /v1) for OpenAI-compatible servers", () => {
    const cred = credential({ baseUrl: "http://localhost:11434/v1/", secret: null });
    const req = adapter.buildRequest(buildInput({ endpoint: "embeddings", credential: cred, body: { input: "x" } }));
    expect(req.url).toBe("http://localhost:11434/v1/embeddings");
    expect(req.headers).not.toHaveProperty("authorization");
  });

  it.each([
    ["responses", "responses"],
    ["completions", "completions"],
  ] as const)("maps %s to /%s", (endpoint, path) => {
    expect(adapter.buildRequest(buildInput({ endpoint })).url).toBe(`https://api.openai.com/v1/${path}`);
  });

  it("injects include_usage into streamed chat without mutating the client body", () => {
    const body = { model: "alias", stream: true, stream_options: { foo: 1 }, messages: [] };
    const snapshot = structuredClone(body);
    const req = adapter.buildRequest(buildInput({ body, stream: true }));
    expect(JSON.parse(req.body!).stream_options).toEqual({ foo: 1, include_usage: true });
    expect(body).toEqual(snapshot);
  });

  it("leaves stream_options alone when the client asked for usage, or not streaming, or Responses API", () => {
    const body = { stream: true, stream_options: { include_usage: true }, messages: [] };
    const wants = adapter.buildRequest(buildInput({ body, stream: true, clientWantsStreamUsage: true }));
    expect(JSON.parse(wants.body!).stream_options).toEqual({ include_usage: true });
    const nonStream = adapter.buildRequest(buildInput());
    expect(JSON.parse(nonStream.body!)).not.toHaveProperty("stream_options");
    const responses = adapter.buildRequest(buildInput({ endpoint: "responses", body: { input: "hi", stream: true }, stream: true }));
    expect(JSON.parse(responses.body!)).not.toHaveProperty("stream_options");
  });

  it("injects include_usage for streamed legacy completions", () => {
    const req = adapter.buildRequest(buildInput({ endpoint: "completions", body: { prompt: "a", stream: true }, stream: true }));
    expect(JSON.parse(req.body!).stream_options).toEqual({ include_usage: true });
  });

  it("does not support messages", () => {
    expect(adapter.supports("messages")).toBe(false);
    expect(() => adapter.buildRequest(buildInput({ endpoint: "messages" }))).toThrow();
  });

  it("builds a models request", () => {
    expect(adapter.buildModelsRequest!(credential())).toEqual({
      url: "https://api.openai.com/v1/models",
      method: "GET",
      headers: { authorization: "Bearer sk-test-secret-123456" },
    });
  });
});

describe("openai parseResponse", () => {
  it("returns chat JSON untouched with usage incl. cached tokens", () => {
    const parsed = adapter.parseResponse("chat.completions", fx.CHAT_COMPLETION, buildInput());
    expect(parsed.body).toBe(fx.CHAT_COMPLETION);
    expect(parsed.usage).toEqual({ inputTokens: 1117, outputTokens: 9, cachedInputTokens: 1024, serviceTier: "default" });
  });

  it("reads Responses API usage", () => {
    const parsed = adapter.parseResponse("responses", fx.RESPONSES_JSON, buildInput({ endpoint: "responses" }));
    expect(parsed.usage).toEqual({ inputTokens: 36, outputTokens: 87, cachedInputTokens: 12 });
  });

  it("reads embeddings usage with zero output", () => {
    const parsed = adapter.parseResponse("embeddings", fx.EMBEDDINGS_JSON, buildInput({ endpoint: "embeddings" }));
    expect(parsed.usage).toEqual({ inputTokens: 8, outputTokens: 0, cachedInputTokens: 0 });
  });

  it("returns null usage when absent", () => {
    expect(adapter.parseResponse("chat.completions", { choices: [] }, buildInput()).usage).toBeNull();
  });
});

describe("openai stream transformer", () => {
  const streamInput = (clientWantsStreamUsage: boolean) => buildInput({ stream: true, clientWantsStreamUsage });

  it("passes events through byte-for-byte when the client asked for usage", () => {
    const t = adapter.createStreamTransformer("chat.completions", streamInput(true));
    expect(runStream(t, fx.CHAT_STREAM_WITH_USAGE)).toBe(fx.CHAT_STREAM_WITH_USAGE);
    expect(t.usage()).toEqual({ inputTokens: 19, outputTokens: 10, cachedInputTokens: 0, serviceTier: "default" });
  });

  it('strips the usage-only chunk and every "usage":null when the client did not ask for usage', () => {
    const t = adapter.createStreamTransformer("chat.completions", streamInput(false));
    const events = splitSse(fx.CHAT_STREAM_WITH_USAGE);
    const expected = events
      .filter((e) => !e.data.includes('"choices":[]'))
      .map((e) => e.raw.replace(',"usage":null', ""))
      .join("");
    const out = runStream(t, fx.CHAT_STREAM_WITH_USAGE);
    expect(out).toBe(expected);
    expect(out).not.toContain('"usage"');
    for (const e of splitSse(out).slice(0, -1)) expect(JSON.parse(e.data)).not.toHaveProperty("usage");
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(t.usage()).toEqual({ inputTokens: 19, outputTokens: 10, cachedInputTokens: 0, serviceTier: "default" });
  });

  it("parses JSON only for chunks carrying a usage object", () => {
    const parse = vi.spyOn(JSON, "parse");
    runStream(adapter.createStreamTransformer("chat.completions", streamInput(false)), fx.CHAT_STREAM_WITH_USAGE);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it("counts generated characters exactly, escapes decoded", async () => {
    const t = adapter.createStreamTransformer("chat.completions", streamInput(false));
    runStream(t, fx.CHAT_STREAM_WITH_USAGE);
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.CHAT_STREAM_TEXT, false));
  });

  it("counts tool-call argument fragments as output", async () => {
    const t = adapter.createStreamTransformer("chat.completions", streamInput(false));
    expect(runStream(t, fx.CHAT_TOOL_STREAM)).toBe(fx.CHAT_TOOL_STREAM);
    expect(await t.countStreamedOutput()).toBe(streamedTokens('{"location":"Paris"}', false));
    expect(t.usage()).toBeNull();
  });

  it("reads usage from a final chunk that also has choices, and keeps that chunk", async () => {
    const t = adapter.createStreamTransformer("chat.completions", streamInput(false));
    expect(runStream(t, fx.GEMINI_STREAM_FINAL_USAGE)).toBe(fx.GEMINI_STREAM_FINAL_USAGE);
    expect(t.usage()).toEqual({ inputTokens: 4, outputTokens: 2, cachedInputTokens: 0 });
    expect(await t.countStreamedOutput()).toBe(streamedTokens("Hello there", false));
  });

  it("passes Responses API events through and reads usage from response.completed", async () => {
    const t = adapter.createStreamTransformer("responses", buildInput({ endpoint: "responses", stream: true }));
    expect(runStream(t, fx.RESPONSES_STREAM)).toBe(fx.RESPONSES_STREAM);
    expect(t.usage()).toEqual({ inputTokens: 37, outputTokens: 11, cachedInputTokens: 5 });
    expect(await t.countStreamedOutput()).toBe(streamedTokens("Hi there!", false));
  });
});

describe("openai mapError", () => {
  it("keeps an OpenAI-shaped error's message, type, code and param", () => {
    expect(adapter.mapError(400, fx.OPENAI_ERROR_400)).toEqual({
      status: 400,
      message: "Invalid value for 'temperature': expected a number <= 2.",
      type: "invalid_request_error",
      code: "invalid_value",
      param: "temperature",
    });
  });

  it("redacts key fragments echoed in the message", () => {
    const err = adapter.mapError(401, fx.OPENAI_ERROR_401);
    expect(err.message).not.toMatch(/sk-proj|abcd\./);
    expect(err.message).toContain("[redacted]");
    expect(err.code).toBe("invalid_api_key");
  });

  it("truncates long messages to 500 chars", () => {
    const err = adapter.mapError(400, JSON.stringify({ error: { message: "x".repeat(2000), type: "invalid_request_error" } }));
    expect(err.message.length).toBe(500);
  });

  it("understands Gemini's array-wrapped error", () => {
    expect(adapter.mapError(400, fx.GEMINI_ERROR_400)).toEqual({
      status: 400,
      message: "API key not valid. Please pass a valid API key.",
      type: "invalid_request_error",
      code: "INVALID_ARGUMENT",
      param: null,
    });
  });

  it("falls back to a generic message for non-JSON bodies", () => {
    expect(adapter.mapError(502, "<html>Bad gateway</html>")).toEqual({
      status: 502,
      message: "Upstream provider returned HTTP 502",
      type: "server_error",
      code: null,
      param: null,
    });
  });
});
