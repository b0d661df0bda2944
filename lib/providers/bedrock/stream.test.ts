import { describe, expect, it } from "vitest";
import { buildInput, jsonEvents, runStream, splitSse, streamedTokens } from "../test-helpers";
import { encodeEvent, EventStreamDecoder } from "./event-stream";
import * as fx from "./fixtures";
import { bedrockAdapter as adapter } from "./index";

const input = (endpoint: "chat.completions" | "messages", clientWantsStreamUsage = false) =>
  buildInput({ endpoint, stream: true, clientWantsStreamUsage, upstreamModel: "anthropic.claude-3-5-haiku-20241022-v1:0" });

function decodeInChunks(bytes: Uint8Array, size: number) {
  const decoder = new EventStreamDecoder();
  const events = [];
  for (let i = 0; i < bytes.length; i += size) events.push(...decoder.push(bytes.subarray(i, i + size)));
  return [...events, ...decoder.end()];
}

describe("AWS event-stream decoding", () => {
  it("reassembles messages across any chunk boundaries, checking CRCs", () => {
    const bytes = fx.encodeStream(fx.TEXT_STREAM);
    const expected = fx.TEXT_STREAM.map(([type, payload]) => ({ event: type, data: JSON.stringify(payload) }));
    for (const size of [1, 3, 7, 64, bytes.length]) {
      expect(
        decodeInChunks(bytes, size).map(({ event, data }) => ({ event, data })),
        `chunk ${size}`,
      ).toEqual(expected);
    }
    expect(
      decodeInChunks(bytes, 5)
        .map((e) => e.raw)
        .join(""),
    ).toBe(fx.asSse(fx.TEXT_STREAM));
  });

  it("names exceptions by their type and rejects corrupt or truncated streams", () => {
    const [exception] = new EventStreamDecoder().push(encodeEvent("throttlingException", { message: "slow down" }, "exception"));
    expect(exception).toMatchObject({ event: "throttlingException", data: '{"message":"slow down"}' });
    const corrupt = fx.encodeStream(fx.TEXT_STREAM.slice(0, 1));
    corrupt[corrupt.length - 6]! ^= 0xff;
    expect(() => new EventStreamDecoder().push(corrupt)).toThrow();
    const truncated = new EventStreamDecoder();
    truncated.push(fx.encodeStream(fx.TEXT_STREAM).subarray(0, 20));
    expect(() => truncated.end()).toThrow(/mid-message/);
  });
});

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown; error?: unknown };

describe("ConverseStream → chat.completion.chunk", () => {
  it("streams text, the finish reason, usage when asked, and [DONE]", async () => {
    const t = adapter.createStreamTransformer("chat.completions", input("chat.completions", true));
    const out = runStream(t, fx.asSse(fx.TEXT_STREAM));
    const chunks = jsonEvents(out) as Chunk[];
    expect(out.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content).join("")).toBe(fx.TEXT_STREAM_TEXT);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("stop");
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 125, completion_tokens: 15, total_tokens: 140, prompt_tokens_details: { cached_tokens: 100 } });
    expect(t.usage()).toEqual({ inputTokens: 125, outputTokens: 15, cachedInputTokens: 100 });
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.TEXT_STREAM_TEXT, true));
  });

  it("streams tool calls with their arguments", () => {
    const chunks = jsonEvents(runStream(adapter.createStreamTransformer("chat.completions", input("chat.completions")), fx.asSse(fx.TOOL_STREAM))) as Chunk[];
    const calls = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls as { function: { name?: string; arguments: string } }[] | undefined) ?? []);
    expect(calls[0]!.function.name).toBe("get_weather");
    expect(calls.map((c) => c.function.arguments).join("")).toBe('{"city":"Seattle"}');
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("turns a stream exception into an error chunk and leaves usage to the estimate", async () => {
    const t = adapter.createStreamTransformer("chat.completions", input("chat.completions"));
    const sse = `${fx.asSse(fx.TEXT_STREAM.slice(0, 2))}event: modelStreamErrorException\ndata: {"message":"model failed"}\n\n`;
    const chunks = jsonEvents(runStream(t, sse)) as Chunk[];
    expect(chunks.at(-1)!.error).toMatchObject({ message: "model failed", type: "server_error" });
    expect(t.usage()).toBeNull();
    expect(await t.countStreamedOutput()).toBe(streamedTokens("Hello", true));
  });
});

describe("ConverseStream → Anthropic Messages events", () => {
  it("produces the event sequence Anthropic clients expect", () => {
    const t = adapter.createStreamTransformer("messages", input("messages"));
    const events = splitSse(runStream(t, fx.asSse(fx.TOOL_STREAM)));
    expect(events.map((e) => e.event)).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    const payloads = events.map((e) => JSON.parse(e.data) as Record<string, unknown>);
    expect(payloads[1]).toMatchObject({ index: 0, content_block: { type: "thinking" } });
    expect(payloads[3]).toMatchObject({ delta: { type: "signature_delta", signature: "EqoBCkgIARAB" } });
    expect(payloads[5]).toMatchObject({ index: 1, content_block: { type: "tool_use", id: "tooluse_Vb1tJ2RlT6u", name: "get_weather", input: {} } });
    expect(payloads[9]).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { input_tokens: 397, output_tokens: 61 } });
    expect(t.usage()).toEqual({ inputTokens: 397, outputTokens: 61, cachedInputTokens: 0 });
  });

  it("finishes a stream cut after messageStop, but not one cut before it", () => {
    const cutLate = splitSse(runStream(adapter.createStreamTransformer("messages", input("messages")), fx.asSse(fx.TEXT_STREAM.slice(0, 5))));
    expect(cutLate.map((e) => e.event).slice(-2)).toEqual(["message_delta", "message_stop"]);
    const cutEarly = splitSse(runStream(adapter.createStreamTransformer("messages", input("messages")), fx.asSse(fx.TEXT_STREAM.slice(0, 3))));
    expect(cutEarly.map((e) => e.event)).not.toContain("message_stop");
  });
});
