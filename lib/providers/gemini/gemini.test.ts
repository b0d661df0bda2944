import { describe, expect, it } from "vitest";
import { buildInput, credential } from "../test-helpers";
import { geminiAdapter as adapter } from "./index";

describe("gemini", () => {
  it("targets Google's OpenAI-compatible endpoint with bearer auth", () => {
    const req = adapter.buildRequest(buildInput({ upstreamModel: "gemini-2.0-flash", credential: credential({ secret: "AIza-key" }) }));
    expect(req.url).toBe("https://generativelanguage.googleapis.com/v1beta/openai/chat/completions");
    expect(req.headers.authorization).toBe("Bearer AIza-key");
    expect(JSON.parse(req.body!).model).toBe("gemini-2.0-flash");
  });

  it("supports chat and embeddings only", () => {
    expect(adapter.supports("chat.completions")).toBe(true);
    expect(adapter.supports("embeddings")).toBe(true);
    expect(adapter.supports("responses")).toBe(false);
    expect(adapter.supports("messages")).toBe(false);
  });
});
