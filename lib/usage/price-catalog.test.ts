// The catalog as Latch reads it agrees with the library's own calcPrice on every row it ships,
// and the version shown is the version installed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { calcPrice, findProvider, type ModelInfo } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import { BUNDLED_CATALOG, catalogPrice } from "@/lib/usage/price-catalog";
import { toPrice, type RateRecord } from "@/lib/usage/price-rates";
import { costOf, reservationRates } from "@/lib/usage/pricing";

const AT = new Date("2026-12-01T00:00:00Z");

describe("bundled catalog", () => {
  it("names the installed @pydantic/genai-prices version", () => {
    const entry = createRequire(import.meta.url).resolve("@pydantic/genai-prices");
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(entry), "..", "package.json"), "utf8")) as { version: string };
    expect(BUNDLED_CATALOG.version).toBe(pkg.version);
  });

  it("costs every row of the four big providers as calcPrice does", () => {
    let checked = 0;
    for (const providerId of ["openai", "anthropic", "google", "aws", "azure"]) {
      for (const model of findProvider({ providerId })!.models) {
        // Each row on its own, so its id need not match its own rule.
        const single = { id: "one", name: "one", api_pattern: "x", models: [{ ...model, match: { equals: "one" } } as ModelInfo] };
        const found = calcPrice({}, "one", { provider: single, timestamp: AT });
        const price = found && toPrice(found.model_price as RateRecord, model.id, {}, { orgSpecific: false, catalogModel: model.id });
        if (!found || !price) continue;
        for (const input of [10_000, 250_000]) {
          const lib = { input_tokens: input, cache_read_tokens: 3_000, cache_write_tokens: 1_500, cache_write_1h_tokens: 500, output_tokens: 700 };
          const expected = calcPrice(lib, "one", { provider: single, timestamp: AT })!.total_price;
          const ours = costOf(price, { inputTokens: input, cachedInputTokens: 3_000, cacheWrite5mTokens: 1_000, cacheWrite1hTokens: 500, outputTokens: 700 });
          expect(ours, `${providerId}/${model.id} at ${input}`).toBeCloseTo(expected, 12);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe("reservation rates", () => {
  it("reserve input at the 1-hour write rate and the tier the prompt could reach", () => {
    const sonnet = catalogPrice("anthropic", "claude-sonnet-4-5", AT)!;
    // Claude Sonnet 4.5: 1h write $6 (2x $3), output $15; above 200k: 1h write $12, output $22.50.
    expect(reservationRates(sonnet, 10_000)).toEqual({ inputPerMTok: 6, outputPerMTok: 15 });
    expect(reservationRates(sonnet, 200_001)).toEqual({ inputPerMTok: 12, outputPerMTok: 22.5 });
  });

  it("reserve at the service tier the request asks for", () => {
    const gpt5 = catalogPrice("openai", "gpt-5", AT)!;
    expect(reservationRates(gpt5, 1_000)).toEqual({ inputPerMTok: 1.25, outputPerMTok: 10 });
    expect(reservationRates(gpt5, 1_000, "priority")).toEqual({ inputPerMTok: 2.5, outputPerMTok: 20 });
  });

  it("are never below what any usage of that size is billed", () => {
    const sonnet = catalogPrice("anthropic", "claude-sonnet-4-5", AT)!;
    const r = reservationRates(sonnet, 300_000);
    for (const usage of [
      { inputTokens: 300_000, cachedInputTokens: 0, cacheWrite1hTokens: 300_000, outputTokens: 4_000, reasoningTokens: 4_000 },
      { inputTokens: 300_000, cachedInputTokens: 0, outputTokens: 4_000 },
      { inputTokens: 150_000, cachedInputTokens: 0, cacheWrite5mTokens: 150_000, outputTokens: 4_000 },
    ])
      expect(costOf(sonnet, usage)).toBeLessThanOrEqual((300_000 * r.inputPerMTok + 4_000 * r.outputPerMTok) / 1e6);
  });
});
