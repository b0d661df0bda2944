import { describe, expect, it } from "vitest";
import { buildInput, credential, runStream, streamedTokens } from "../test-helpers";
import * as fx from "./fixtures";
import { anthropicAdapter as adapter } from "./index";

const anthropicCred = (overrides = {}) => credential({ provider: "anthropic", secret: "sk-ant-api03-secret", ...overrides });
const messagesInput = (overrides = {}) =>
  buildInput({
    endpoint: "messages",
    upstreamModel: "claude-sonnet-4-20250514",
    credential: anthropicCred(),
    body: { model: "claude", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] },
    ...overrides,
  });

describe("anthropic native messages", () => {
  it("builds the request with x-api-key and anthropic-version, model replaced", () => {
    const input = messagesInput();
    const snapshot = structuredClone(input.body);
    const req = adapter.buildRequest(input);
    expect(req.url).toBe("https://api.anthropic.com/v1/messages");
    expect(req.headers).toEqual({
      "content-type": "application/json",
      "x-api-key": "sk-ant-api03-secret",
      "anthropic-version": "2023-06-01",
    });
    expect(req.headers).not.toHaveProperty("authorization");
    expect(JSON.parse(req.body!)).toEqual({ ...snapshot, model: "claude-sonnet-4-20250514" });
    expect(input.body).toEqual(snapshot);
  });

  it("honours a base URL override (without /v1)", () => {
    const req = adapter.buildRequest(messagesInput({ credential: anthropicCred({ baseUrl: "https://proxy.example.com/" }) }));
    expect(req.url).toBe("https://proxy.example.com/v1/messages");
  });

  it("returns JSON untouched; input counts cache reads and writes", () => {
    const parsed = adapter.parseResponse("messages", fx.TEXT_MESSAGE, messagesInput());
    expect(parsed.body).toBe(fx.TEXT_MESSAGE);
    expect(parsed.usage).toEqual({ inputTokens: 12 + 1800 + 30, outputTokens: 10, cachedInputTokens: 1800, cacheWrite5mTokens: 30, serviceTier: "standard" });
  });

  it("passes stream events through raw and accumulates usage", async () => {
    const t = adapter.createStreamTransformer("messages", messagesInput({ stream: true }));
    expect(runStream(t, fx.TEXT_STREAM)).toBe(fx.TEXT_STREAM);
    expect(t.usage()).toEqual({ inputTokens: 130, outputTokens: 15, cachedInputTokens: 100, cacheWrite5mTokens: 5, serviceTier: "standard" });
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.TEXT_STREAM_TEXT, true));
  });

  it("reports input usage from message_start if the stream is cut short", async () => {
    const t = adapter.createStreamTransformer("messages", messagesInput({ stream: true }));
    runStream(t, fx.OVERLOADED_STREAM);
    expect(t.usage()).toEqual({ inputTokens: 130, outputTokens: 1, cachedInputTokens: 100, cacheWrite5mTokens: 5, serviceTier: "standard" });
    expect(await t.countStreamedOutput()).toBe(streamedTokens("Hel", true));
  });

  it("supports messages and chat only", () => {
    expect(adapter.supports("messages")).toBe(true);
    expect(adapter.supports("chat.completions")).toBe(true);
    expect(adapter.supports("embeddings")).toBe(false);
    expect(() => adapter.buildRequest(messagesInput({ endpoint: "embeddings" }))).toThrow();
  });

  it("builds a models request", () => {
    const req = adapter.buildModelsRequest!(anthropicCred());
    expect(req).toMatchObject({ url: "https://api.anthropic.com/v1/models", method: "GET" });
    expect(req!.headers["x-api-key"]).toBe("sk-ant-api03-secret");
  });
});

describe("anthropic mapError", () => {
  it("maps the Anthropic error shape", () => {
    expect(adapter.mapError(400, fx.ERROR_400)).toEqual({
      status: 400,
      message: "max_tokens: Field required",
      type: "invalid_request_error",
      code: null,
      param: null,
    });
  });

  it("keeps overload (529) as overloaded_error; OpenAI-format clients see it as a 503", () => {
    expect(adapter.mapError(529, fx.ERROR_529)).toEqual({
      status: 529,
      message: "Overloaded",
      type: "overloaded_error",
      code: "overloaded_error",
      param: null,
    });
  });

  it.each([
    ["authentication_error", 401, "authentication_error"],
    ["permission_error", 403, "permission_error"],
    ["not_found_error", 404, "not_found_error"],
    ["rate_limit_error", 429, "rate_limit_error"],
    ["api_error", 500, "server_error"],
  ])("maps %s", (anthropicType, status, type) => {
    const body = JSON.stringify({ type: "error", error: { type: anthropicType, message: "m" } });
    expect(adapter.mapError(status, body).type).toBe(type);
  });

  it("falls back to a generic message for other bodies", () => {
    expect(adapter.mapError(500, "upstream connect error").message).toBe("Upstream provider returned HTTP 500");
  });
});
