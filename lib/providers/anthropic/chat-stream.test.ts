import { describe, expect, it } from "vitest";
import { buildInput, jsonEvents, runStream, streamedTokens } from "../test-helpers";
import * as fx from "./fixtures";
import { anthropicAdapter as adapter } from "./index";

type Chunk = {
  object?: string;
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: unknown;
  error?: unknown;
};

const translate = (sse: string, clientWantsStreamUsage = false) => {
  const t = adapter.createStreamTransformer("chat.completions", buildInput({ stream: true, clientWantsStreamUsage }));
  const out = runStream(t, sse);
  return { t, out, chunks: jsonEvents(out) as Chunk[] };
};

describe("Anthropic stream → chat.completion.chunk", () => {
  it("emits a role chunk, text deltas, a finish chunk and [DONE]", async () => {
    const { t, out, chunks } = translate(fx.TEXT_STREAM);
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(out.split("\n\n").every((e) => e === "" || e.startsWith("data: "))).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta)).toEqual([{ role: "assistant", content: "" }, { content: "Hello" }, { content: ' "world"!' }, {}]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && !("usage" in c))).toBe(true);
    expect(t.usage()).toEqual({ inputTokens: 130, outputTokens: 15, cachedInputTokens: 100, cacheWrite5mTokens: 5, serviceTier: "standard" });
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.TEXT_STREAM_TEXT, true));
  });

  it("adds a usage chunk only when the client asked for it", () => {
    const { chunks } = translate(fx.TEXT_STREAM, true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({
      prompt_tokens: 130,
      completion_tokens: 15,
      total_tokens: 145,
      prompt_tokens_details: { cached_tokens: 100 },
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("translates tool_use blocks to indexed tool_call deltas", () => {
    const { chunks } = translate(fx.TOOL_STREAM);
    const toolDeltas = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls as unknown[] | undefined) ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", type: "function", function: { name: "get_weather", arguments: "" } },
      { index: 0, function: { arguments: '{"location":' } },
      { index: 0, function: { arguments: ' "Paris"}' } },
      { index: 1, id: "toolu_02", type: "function", function: { name: "get_time", arguments: "" } },
      { index: 1, function: { arguments: "{}" } },
    ]);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
    expect(chunks[1]!.choices[0]!.delta).toEqual({ content: "Checking." });
  });

  it("turns a mid-stream error event into an OpenAI-style error event without [DONE]", () => {
    const { out, chunks } = translate(fx.OVERLOADED_STREAM);
    expect(chunks.at(-1)).toEqual({
      error: { message: "Overloaded", type: "server_error", code: "overloaded_error", param: null },
    });
    expect(out).not.toContain("[DONE]");
  });
});
