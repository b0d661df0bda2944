// Anthropic usage classes, shaped like the Messages API reference: TTL-split cache writes, cache
// reads, thinking, server tools and the service tier; streams restating cumulative counts.
import { describe, expect, it } from "vitest";
import { AnthropicUsageTracker, readAnthropicUsage } from "./usage";
import { MessagesStreamTransformer } from "./messages";
import { runStream, streamedTokens } from "../test-helpers";
import * as fx from "./fixtures";

describe("readAnthropicUsage", () => {
  it("splits cache writes by TTL and adds reads and writes back into the whole prompt", () => {
    expect(readAnthropicUsage(fx.USAGE_ALL_CLASSES)).toEqual({
      inputTokens: 50 + 3000 + 1000 + 2000,
      outputTokens: 800,
      cachedInputTokens: 3000,
      cacheWrite5mTokens: 1000,
      cacheWrite1hTokens: 2000,
      reasoningTokens: 600,
      webSearchRequests: 3,
      serviceTier: "priority",
    });
  });

  it("without a TTL breakdown every cache write is a 5-minute write", () => {
    expect(readAnthropicUsage({ input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 400, cache_read_input_tokens: 0 })).toEqual({
      inputTokens: 410,
      outputTokens: 5,
      cachedInputTokens: 0,
      cacheWrite5mTokens: 400,
    });
  });
});

describe("AnthropicUsageTracker", () => {
  it("keeps message_start's TTL split while message_delta restates cumulative counts", () => {
    const tracker = new AnthropicUsageTracker();
    tracker.onMessageStart({ usage: { ...fx.USAGE_ALL_CLASSES, output_tokens: 1, server_tool_use: null, output_tokens_details: null } });
    expect(tracker.final()).toBe(false);
    tracker.onMessageDelta({
      input_tokens: 50,
      cache_creation_input_tokens: 3000,
      cache_read_input_tokens: 3000,
      output_tokens: 800,
      output_tokens_details: { thinking_tokens: 600 },
      server_tool_use: { web_search_requests: 3, web_fetch_requests: 1 },
    });
    expect(tracker.final()).toBe(true);
    expect(tracker.get()).toEqual(readAnthropicUsage(fx.USAGE_ALL_CLASSES));
  });

  it("a delta with null restated fields (older API versions) keeps message_start's input counts", () => {
    const tracker = new AnthropicUsageTracker();
    tracker.onMessageStart({ usage: { input_tokens: 20, cache_read_input_tokens: 100, cache_creation_input_tokens: 0, output_tokens: 1 } });
    tracker.onMessageDelta({ input_tokens: null, cache_read_input_tokens: null, cache_creation_input_tokens: null, output_tokens: 27 });
    expect(tracker.get()).toEqual({ inputTokens: 120, outputTokens: 27, cachedInputTokens: 100 });
  });
});

describe("an aborted /v1/messages stream", () => {
  it("bills what was streamed, not message_start's output_tokens: 1", async () => {
    const t = new MessagesStreamTransformer();
    const cut = fx.THINKING_TOOL_STREAM.slice(0, fx.THINKING_TOOL_STREAM.indexOf("event: message_delta"));
    expect(runStream(t, cut)).toBe(cut); // byte-exact
    expect(t.usage()!.outputTokens).toBe(1);
    expect(t.usageFinal()).toBe(false);
    expect(await t.countStreamedOutput()).toBe(streamedTokens(fx.THINKING_TOOL_STREAM_TEXT, true));
    expect(await t.countStreamedOutput()).toBeGreaterThan(1);
  });
});
