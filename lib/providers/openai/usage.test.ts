// Every billed class out of usage shaped like OpenAI's API reference (and Gemini's compatible endpoint).
import { describe, expect, it } from "vitest";
import { readOpenAIAnswerUsage } from "./usage";
import { createOpenAIStreamTransformer } from "./stream";
import { buildInput, runStream, splitSse, streamedTokens } from "../test-helpers";
import * as fx from "./fixtures";

describe("OpenAI usage classes", () => {
  it("chat: cached input, reasoning inside output, and the service tier", () => {
    expect(readOpenAIAnswerUsage(fx.CHAT_REASONING_FLEX)).toEqual({
      inputTokens: 2006,
      outputTokens: 300,
      cachedInputTokens: 1920,
      reasoningTokens: 192,
      serviceTier: "flex",
    });
  });

  it("chat: audio in and out", () => {
    expect(readOpenAIAnswerUsage(fx.CHAT_AUDIO)).toEqual({
      inputTokens: 82,
      outputTokens: 151,
      cachedInputTokens: 0,
      audioInputTokens: 40,
      audioOutputTokens: 120,
      serviceTier: "default",
    });
  });

  it("responses: cached input, reasoning, one web search per web_search_call item, priority tier", () => {
    expect(readOpenAIAnswerUsage(fx.RESPONSES_WEB_SEARCH)).toEqual({
      inputTokens: 9000,
      outputTokens: 1500,
      cachedInputTokens: 4096,
      reasoningTokens: 1024,
      webSearchRequests: 2,
      serviceTier: "priority",
    });
  });

  it("a Gemini-style count that leaves thinking out of completion_tokens still bills it as output", () => {
    const usage = { prompt_tokens: 21, completion_tokens: 0, total_tokens: 81, completion_tokens_details: { reasoning_tokens: 60 } };
    expect(readOpenAIAnswerUsage({ usage })).toEqual({ inputTokens: 21, outputTokens: 60, cachedInputTokens: 0, reasoningTokens: 60 });
  });

  it("embeddings: input only", () => {
    expect(readOpenAIAnswerUsage({ object: "list", usage: { prompt_tokens: 8, total_tokens: 8 } })).toEqual({
      inputTokens: 8,
      outputTokens: 0,
      cachedInputTokens: 0,
    });
  });
});

describe("OpenAI streams", () => {
  const input = (clientWantsStreamUsage: boolean, costOf?: (u: unknown) => number | null) =>
    buildInput({ stream: true, clientWantsStreamUsage, upstreamModel: "gpt-5.1", costOf });

  it("adds usage.cost to the usage chunk the client asked for, and nothing else changes", () => {
    const t = createOpenAIStreamTransformer(
      "chat.completions",
      input(true, () => 0.0012345),
    );
    const out = splitSse(runStream(t, fx.CHAT_STREAM_WITH_USAGE));
    const sent = splitSse(fx.CHAT_STREAM_WITH_USAGE);
    expect(out.slice(0, -2).map((e) => e.raw)).toEqual(sent.slice(0, -2).map((e) => e.raw));
    const usageChunk = JSON.parse(out.at(-2)!.data) as { usage: Record<string, unknown> };
    expect(usageChunk.usage).toEqual({ ...(JSON.parse(sent.at(-2)!.data) as { usage: object }).usage, cost: 0.0012345 });
  });

  it("a stream cut off before its usage is counted from the streamed text, tool arguments included", async () => {
    const cut = fx.CHAT_TOOL_STREAM.slice(0, fx.CHAT_TOOL_STREAM.lastIndexOf("data: {"));
    const t = createOpenAIStreamTransformer("chat.completions", input(false));
    runStream(t, cut);
    expect(t.usageFinal()).toBe(false);
    expect(await t.countStreamedOutput()).toBe(streamedTokens('{"location":"Paris"}', false));
    expect(await t.countStreamedOutput()).toBeGreaterThan(0);
  });

  it("a foreign model's streamed text is counted with the safety factor", async () => {
    const t = createOpenAIStreamTransformer("chat.completions", buildInput({ stream: true, upstreamModel: "gemini-2.5-pro" }));
    runStream(t, fx.CHAT_STREAM_WITH_USAGE);
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.CHAT_STREAM_TEXT, true));
    expect(streamedTokens(fx.CHAT_STREAM_TEXT, true)).toBeGreaterThan(streamedTokens(fx.CHAT_STREAM_TEXT, false));
  });
});
