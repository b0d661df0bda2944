// Model ids as each provider spells them resolve to the catalog model they are billed as.
import { describe, expect, it } from "vitest";
import { catalogPrice } from "@/lib/usage/price-catalog";
import { providerPricing } from "./pricing";

const AT = new Date("2026-12-01T00:00:00Z");
const resolved = (provider: string, model: string) => catalogPrice(provider, model, AT)?.catalogModel ?? null;
const canonical = (provider: string, model: string) => providerPricing(provider)!.canonicalId(model);

describe("model id normalisation", () => {
  it("Anthropic dated and -latest ids", () => {
    expect(canonical("anthropic", "claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(canonical("anthropic", "claude-3-5-haiku-latest")).toBe("claude-3-5-haiku");
    expect(resolved("anthropic", "claude-sonnet-4-5-20250929")).toBe("claude-sonnet-4-5");
    expect(resolved("anthropic", "claude-opus-4-5-20251101")).toBe("claude-opus-4-5");
  });

  it("OpenAI dated snapshots", () => {
    expect(canonical("openai", "gpt-4o-2024-08-06")).toBe("gpt-4o");
    expect(canonical("openai", "gpt-5-mini-2025-08-07")).toBe("gpt-5-mini");
    expect(resolved("openai", "gpt-4o-2024-11-20")).toBe("gpt-4o");
    expect(resolved("openai", "gpt-4.1-mini-2025-04-14")).toBe("gpt-4.1-mini");
  });

  it("Bedrock region prefixes, vendor prefix, version suffix and inference-profile ARNs", () => {
    for (const id of [
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "apac.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "anthropic.claude-sonnet-4-5-20250929-v1:0",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ])
      expect(canonical("bedrock", id), id).toBe("claude-sonnet-4-5");
    expect(canonical("bedrock", "amazon.nova-pro-v1:0")).toBe("amazon.nova-pro");
    expect(resolved("bedrock", "global.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(resolved("bedrock", "eu.anthropic.claude-haiku-4-5-20251001-v1:0")).toBe("regional.anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(resolved("bedrock", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(
      "regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
    );
  });

  it("Vertex @version and publisher paths", () => {
    expect(canonical("vertex", "claude-sonnet-4-5@20250929")).toBe("claude-sonnet-4-5");
    expect(canonical("vertex", "publishers/google/models/gemini-2.5-flash")).toBe("gemini-2.5-flash");
    expect(resolved("vertex", "claude-sonnet-4-5@20250929")).toBe("claude-sonnet-4-5");
    expect(resolved("vertex", "publishers/google/models/gemini-2.5-pro")).toBe("gemini-2.5-pro");
  });

  it("Azure deployments priced as their model", () => {
    expect(canonical("azure", "gpt-35-turbo")).toBe("gpt-3.5-turbo");
    expect(resolved("azure", "gpt-4o-2024-08-06")).toBe("gpt-4o");
    expect(catalogPrice("azure", "gpt-4o", AT)?.inputPerMTok).toBe(2.5);
  });

  it("Gemini models/ prefix", () => {
    expect(resolved("gemini", "models/gemini-2.5-pro")).toBe("gemini-2.5-pro");
  });

  it("unknown models stay unpriced", () => {
    for (const [p, m] of [
      ["openai", "my-finetune"],
      ["bedrock", "acme.model-v1:0"],
      ["vertex", "mystery@001"],
      ["azure", "prod-deployment-7"],
      ["mock", "other"],
      ["nope", "x"],
    ] as const)
      expect(catalogPrice(p, m, AT), `${p}/${m}`).toBeNull();
  });
});
