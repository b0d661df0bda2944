import { describe, expect, it } from "vitest";
import { CHAT_STREAM_WITH_USAGE } from "../openai/fixtures";
import { buildInput, credential, runStream } from "../test-helpers";
import { azureAdapter as adapter } from "./index";

const azureCred = (overrides = {}) => credential({ provider: "azure", baseUrl: "https://contoso.openai.azure.com/", secret: "azure-key", ...overrides });

describe("azure", () => {
  it("uses deployment URLs, api-version and the api-key header (no Authorization)", () => {
    const req = adapter.buildRequest(buildInput({ credential: azureCred({ azureDeployment: "gpt4o-prod", azureApiVersion: "2025-01-01-preview" }) }));
    expect(req.url).toBe("https://contoso.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2025-01-01-preview");
    expect(req.headers).toEqual({ "content-type": "application/json", "api-key": "azure-key" });
  });

  it("falls back to the upstream model as deployment and the default api-version", () => {
    const req = adapter.buildRequest(buildInput({ endpoint: "embeddings", body: { input: "hi" }, credential: azureCred() }));
    expect(req.url).toBe("https://contoso.openai.azure.com/openai/deployments/gpt-4o-mini/embeddings?api-version=2024-10-21");
  });

  it("shares the OpenAI body and stream handling", () => {
    const input = buildInput({ body: { stream: true, messages: [] }, stream: true, credential: azureCred() });
    expect(JSON.parse(adapter.buildRequest(input).body!).stream_options).toEqual({ include_usage: true });
    const t = adapter.createStreamTransformer("chat.completions", input);
    expect(runStream(t, CHAT_STREAM_WITH_USAGE)).not.toContain('"choices":[]');
    expect(t.usage()?.inputTokens).toBe(19);
  });

  it("requires a base URL and supports no messages endpoint", () => {
    expect(() => adapter.buildRequest(buildInput({ credential: azureCred({ baseUrl: null }) }))).toThrow(/base URL/);
    expect(adapter.supports("messages")).toBe(false);
    expect(adapter.supports("responses")).toBe(true);
  });
});
