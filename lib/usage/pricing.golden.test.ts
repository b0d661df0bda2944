// Golden costs: usage shaped like each provider's documented response → the cost worked out by
// hand from the published list price (USD per 1M tokens unless noted), exact to 1e-12.
import { describe, expect, it } from "vitest";
import type { Usage } from "@/lib/providers/types";
import { catalogPrice } from "@/lib/usage/price-catalog";
import { costOf } from "@/lib/usage/pricing";

const AT = new Date("2026-12-01T00:00:00Z");

function cost(provider: string, model: string, usage: Usage): number {
  const price = catalogPrice(provider, model, AT);
  if (!price) throw new Error(`${provider}/${model} is unpriced`);
  return costOf(price, usage);
}

const exact = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-12);

describe("Anthropic", () => {
  it("prices 5-minute writes at 1.25x input (the $0.0003930 recorded vs $0.0004305 list call)", () => {
    // Claude Haiku 4.5: input $1, 5m write $1.25, cache read $0.10, output $5.
    // message usage: input_tokens 3, cache_creation.ephemeral_5m_input_tokens 150, cache_read_input_tokens 1000, output_tokens 28.
    const usage = { inputTokens: 1153, cachedInputTokens: 1000, cacheWrite5mTokens: 150, outputTokens: 28 };
    exact(cost("anthropic", "claude-haiku-4-5-20251001", usage), (3 * 1 + 150 * 1.25 + 1000 * 0.1 + 28 * 5) / 1e6); // 0.0004305
    // Writes at the plain input rate were the old, low figure.
    exact((3 * 1 + 150 * 1 + 1000 * 0.1 + 28 * 5) / 1e6, 0.000393);
  });

  it("prices 1-hour writes at 2x input, reads at 0.1x, reasoning inside output once", () => {
    // Claude Sonnet 4.5: input $3, 5m write $3.75, 1h write $6, read $0.30, output $15.
    const usage = {
      inputTokens: 16_000,
      cachedInputTokens: 10_000,
      cacheWrite5mTokens: 1_000,
      cacheWrite1hTokens: 3_000,
      outputTokens: 500,
      reasoningTokens: 200,
    };
    exact(cost("anthropic", "claude-sonnet-4-5-20250929", usage), (2_000 * 3 + 10_000 * 0.3 + 1_000 * 3.75 + 3_000 * 6 + 500 * 15) / 1e6);
  });

  it("bills every class at the long-context rate above 200k input tokens", () => {
    // Claude Sonnet 4.5 above 200k: input $6, 1h write $12, read $0.60, output $22.50.
    const usage = { inputTokens: 250_000, cachedInputTokens: 50_000, cacheWrite1hTokens: 10_000, outputTokens: 1_000 };
    exact(cost("anthropic", "claude-sonnet-4-5", usage), (190_000 * 6 + 50_000 * 0.6 + 10_000 * 12 + 1_000 * 22.5) / 1e6);
    // At exactly 200k the base rates still apply.
    exact(cost("anthropic", "claude-sonnet-4-5", { inputTokens: 200_000, cachedInputTokens: 0, outputTokens: 0 }), (200_000 * 3) / 1e6);
  });

  it("adds web search at $10 per 1,000 calls", () => {
    // server_tool_use.web_search_requests 3 on Claude Sonnet 4.5.
    exact(
      cost("anthropic", "claude-sonnet-4-5", { inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 100, webSearchRequests: 3 }),
      (1_000 * 3 + 100 * 15) / 1e6 + (3 * 10) / 1e3,
    );
  });

  it("prices current models the old hand-written list lacked", () => {
    // Claude Opus 4.5: input $5, output $25.
    exact(cost("anthropic", "claude-opus-4-5", { inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 1_000 }), (1_000 * 5 + 1_000 * 25) / 1e6);
  });
});

describe("OpenAI", () => {
  it("chat: cached input at the cached rate, reasoning at the output rate", () => {
    // GPT-5.1: input $1.25, cached input $0.125, output $10.
    // prompt_tokens 10000 (cached_tokens 8000), completion_tokens 2000 (reasoning_tokens 1500).
    const usage = { inputTokens: 10_000, cachedInputTokens: 8_000, outputTokens: 2_000, reasoningTokens: 1_500 };
    exact(cost("openai", "gpt-5.1", usage), (2_000 * 1.25 + 8_000 * 0.125 + 2_000 * 10) / 1e6);
  });

  it("responses: a dated snapshot is priced as its model", () => {
    // GPT-5 mini: input $0.25, cached input $0.025, output $2.
    const usage = { inputTokens: 5_000, cachedInputTokens: 4_096, outputTokens: 800, reasoningTokens: 600 };
    exact(cost("openai", "gpt-5-mini-2025-08-07", usage), (904 * 0.25 + 4_096 * 0.025 + 800 * 2) / 1e6);
  });

  it("embeddings: input only", () => {
    // text-embedding-3-small: $0.02.
    exact(cost("openai", "text-embedding-3-small", { inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 0 }), (1_000 * 0.02) / 1e6);
  });

  it("flex at half the standard rates, priority at the priority list price", () => {
    // GPT-5: standard $1.25 / $10; flex $0.625 / $5; priority $2.50 / $20.
    const usage = { inputTokens: 10_000, cachedInputTokens: 0, outputTokens: 1_000 };
    exact(cost("openai", "gpt-5", { ...usage, serviceTier: "flex" }), (10_000 * 0.625 + 1_000 * 5) / 1e6);
    exact(cost("openai", "gpt-5", { ...usage, serviceTier: "priority" }), (10_000 * 2.5 + 1_000 * 20) / 1e6);
    exact(cost("openai", "gpt-5", { ...usage, serviceTier: "default" }), (10_000 * 1.25 + 1_000 * 10) / 1e6);
  });

  it("audio tokens at the audio rates", () => {
    // gpt-audio: text $2.50 / $10, audio $32 / $64.
    const usage = { inputTokens: 1_000, cachedInputTokens: 0, audioInputTokens: 800, outputTokens: 500, audioOutputTokens: 400 };
    exact(cost("openai", "gpt-audio", usage), (200 * 2.5 + 800 * 32 + 100 * 10 + 400 * 64) / 1e6);
  });
});

describe("Gemini", () => {
  it("thoughts are output at the output rate", () => {
    // Gemini 2.5 Pro up to 200k: input $1.25, output $10; candidates 500 + thoughtsTokenCount 2500.
    exact(
      cost("gemini", "gemini-2.5-pro", { inputTokens: 1_000, cachedInputTokens: 0, outputTokens: 3_000, reasoningTokens: 2_500 }),
      (1_000 * 1.25 + 3_000 * 10) / 1e6,
    );
  });

  it("the >200k tier applies to input, cached input and output", () => {
    // Gemini 2.5 Pro above 200k: input $2.50, cached $0.25, output $15.
    const usage = { inputTokens: 300_000, cachedInputTokens: 100_000, outputTokens: 2_000 };
    exact(cost("gemini", "gemini-2.5-pro", usage), (200_000 * 2.5 + 100_000 * 0.25 + 2_000 * 15) / 1e6);
  });
});

describe("Bedrock Claude", () => {
  const usage = { inputTokens: 5_000, cachedInputTokens: 3_000, cacheWrite5mTokens: 1_000, outputTokens: 200 };

  it("cross-region profiles at Bedrock's regional price (10% over global) with cache", () => {
    // us.anthropic.claude-sonnet-4-5: input $3.30, 5m write $4.125, read $0.33, output $16.50.
    exact(cost("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", usage), (1_000 * 3.3 + 3_000 * 0.33 + 1_000 * 4.125 + 200 * 16.5) / 1e6);
  });

  it("global profiles at the global price; 1-hour writes at 2x input", () => {
    // global.anthropic.claude-sonnet-4-5: input $3, 5m write $3.75, 1h write $6 (2x), read $0.30, output $15.
    exact(cost("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", usage), (1_000 * 3 + 3_000 * 0.3 + 1_000 * 3.75 + 200 * 15) / 1e6);
    exact(
      cost("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0", {
        inputTokens: 2_000,
        cachedInputTokens: 0,
        cacheWrite1hTokens: 1_000,
        outputTokens: 0,
      }),
      (1_000 * 3 + 1_000 * 6) / 1e6,
    );
  });
});

describe("Vertex Claude", () => {
  it("an @version id at Claude's price, 1-hour writes at 2x", () => {
    // claude-sonnet-4-5@20250929: input $3, 1h write $6, output $15.
    exact(
      cost("vertex", "claude-sonnet-4-5@20250929", { inputTokens: 2_000, cachedInputTokens: 0, cacheWrite1hTokens: 1_000, outputTokens: 100 }),
      (1_000 * 3 + 1_000 * 6 + 100 * 15) / 1e6,
    );
  });
});

describe("totals and parts", () => {
  it("never bills a part above its total", () => {
    // A reader reporting more cached tokens than input: priced as all cached, nothing negative.
    exact(cost("openai", "gpt-5.1", { inputTokens: 100, cachedInputTokens: 500, outputTokens: 10, reasoningTokens: 50 }), (100 * 0.125 + 10 * 10) / 1e6);
  });

  it("unknown models stay unpriced, never $0", () => {
    expect(catalogPrice("openai", "no-such-model", AT)).toBeNull();
    expect(catalogPrice("anthropic", "claude-nonexistent-9", AT)).toBeNull();
    expect(catalogPrice("bedrock", "acme.unknown-v1:0", AT)).toBeNull();
  });
});
