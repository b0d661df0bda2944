import { describe, expect, it } from "vitest";
import { compileModelPatterns } from "@/lib/policy/model-glob";

describe("model patterns", () => {
  it("matches globs against the bare model or the canonical name", () => {
    const m = compileModelPatterns(["gpt-4o*", "claude-*-haiku*", "bedrock/*"])!;
    expect(m("openai/gpt-4o-mini", "gpt-4o-mini")).toBe(true);
    expect(m("anthropic/claude-3-5-haiku-latest", "claude-3-5-haiku-latest")).toBe(true);
    expect(m("anthropic/claude-sonnet-4", "claude-sonnet-4")).toBe(false);
    expect(m("bedrock/llama", "llama")).toBe(true);
    expect(m("bedrockz/x", "x")).toBe(false);
  });

  it("treats regex characters literally", () => {
    const m = compileModelPatterns(["gpt-4.1"])!;
    expect(m("openai/gpt-4.1", "gpt-4.1")).toBe(true);
    expect(m("openai/gpt-4x1", "gpt-4x1")).toBe(false);
  });

  it("returns null for an empty list (unrestricted)", () => {
    expect(compileModelPatterns([])).toBeNull();
  });
});
