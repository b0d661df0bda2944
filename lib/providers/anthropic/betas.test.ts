// Anthropic betas and prompt caching on the clouds: each backend gets only the betas it accepts,
// under its own names, and every cache_control block keeps its TTL.
import { describe, expect, it } from "vitest";
import { buildInput, credential } from "../test-helpers";
import type { BuildRequestInput } from "../types";
import { bedrockAdapter } from "../bedrock";
import { vertexAdapter } from "../vertex";
import { anthropicAdapter } from "./index";

const CLAUDE_CODE_BETAS = [
  "claude-code-20250219",
  "context-management-2025-06-27",
  "advanced-tool-use-2025-11-20",
  "prompt-caching-scope-2026-01-05",
  "interleaved-thinking-2025-05-14",
];
const messagesBody = {
  model: "claude",
  max_tokens: 100,
  system: [{ type: "text", text: "rules", cache_control: { type: "ephemeral", ttl: "1h" } }],
  messages: [{ role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral", ttl: "5m" } }] }],
  context_management: { edits: [{ type: "clear_tool_uses_20250919" }] },
};
const clientHeaders = { anthropicVersion: "2023-06-01", anthropicBeta: CLAUDE_CODE_BETAS };
const SA = JSON.stringify({ type: "service_account", project_id: "p", client_email: "sa@p.iam.gserviceaccount.com", private_key: "k" });

const bedrock = (overrides: Partial<BuildRequestInput> = {}) =>
  bedrockAdapter.buildRequest(
    buildInput({
      endpoint: "messages",
      body: messagesBody,
      clientHeaders,
      upstreamModel: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      credential: credential({
        provider: "bedrock",
        secret: JSON.stringify({ accessKeyId: "AKIA0000", secretAccessKey: "s" }),
        config: { region: "us-west-2" },
      }),
      ...overrides,
    }),
  );
const vertex = (overrides: Partial<BuildRequestInput> = {}) =>
  vertexAdapter.buildRequest(
    buildInput({
      endpoint: "messages",
      body: messagesBody,
      clientHeaders,
      upstreamModel: "claude-sonnet-4-5@20250929",
      credential: credential({ provider: "vertex", secret: SA, config: { region: "us-east5" } }),
      ...overrides,
    }),
  );

describe("Anthropic's API", () => {
  it("forwards the client's version and every beta, the body untouched", () => {
    const request = anthropicAdapter.buildRequest(
      buildInput({ endpoint: "messages", body: messagesBody, clientHeaders: { anthropicVersion: "2024-01-01", anthropicBeta: CLAUDE_CODE_BETAS } }),
    );
    expect(request.headers["anthropic-version"]).toBe("2024-01-01");
    expect(request.headers["anthropic-beta"]).toBe(CLAUDE_CODE_BETAS.join(","));
    expect(JSON.parse(request.body!)).toMatchObject({
      system: messagesBody.system,
      messages: messagesBody.messages,
      context_management: messagesBody.context_management,
    });
  });

  it("defaults the version and sends no beta header when the client sent none", () => {
    const request = anthropicAdapter.buildRequest(buildInput({ endpoint: "messages", body: messagesBody }));
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request.headers).not.toHaveProperty("anthropic-beta");
  });
});

describe("Bedrock", () => {
  it("sends the betas it accepts as anthropic_beta, tool search renamed, the rest dropped", () => {
    const body = JSON.parse(bedrock().body!) as { additionalModelRequestFields: Record<string, unknown> };
    expect(body.additionalModelRequestFields.anthropic_beta).toEqual([
      "context-management-2025-06-27",
      "tool-search-tool-2025-10-19",
      "interleaved-thinking-2025-05-14",
    ]);
    expect(body.additionalModelRequestFields.context_management).toEqual(messagesBody.context_management);
  });

  it("keeps each cache_control as a cachePoint with its TTL", () => {
    const body = JSON.parse(bedrock().body!) as { system: unknown[]; messages: { content: unknown[] }[] };
    expect(body.system).toEqual([{ text: "rules" }, { cachePoint: { type: "default", ttl: "1h" } }]);
    expect(body.messages[0]!.content).toEqual([{ text: "hi" }, { cachePoint: { type: "default", ttl: "5m" } }]);
  });

  it("sends no betas to a model that is not Claude", () => {
    const body = JSON.parse(
      bedrock({ upstreamModel: "meta.llama3-70b-instruct-v1:0", body: { ...messagesBody, context_management: undefined } }).body!,
    ) as Record<string, unknown>;
    expect(body.additionalModelRequestFields).toBeUndefined();
  });

  it("counts tokens with CountTokens on the Converse form of the request", () => {
    const request = bedrock({ endpoint: "messages.count_tokens" });
    expect(request.url).toBe("https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens");
    expect(JSON.parse(request.body!)).toMatchObject({
      input: { converse: { messages: [{ role: "user" }], system: [{ text: "rules" }, { cachePoint: { type: "default", ttl: "1h" } }] } },
    });
    expect(bedrockAdapter.parseResponse("messages.count_tokens", { inputTokens: 42 }, buildInput())).toEqual({ body: { input_tokens: 42 }, usage: null });
  });
});

describe("Vertex AI", () => {
  it("sends the betas it accepts in the header, tool search renamed, the rest dropped; the body untouched", () => {
    const request = vertex();
    expect(request.headers["anthropic-beta"]).toBe("context-management-2025-06-27,tool-search-tool-2025-10-19,interleaved-thinking-2025-05-14");
    expect(JSON.parse(request.body!)).toMatchObject({ system: messagesBody.system, messages: messagesBody.messages, anthropic_version: "vertex-2023-10-16" });
  });

  it("counts tokens at the count-tokens model with the model in the body", () => {
    const request = vertex({ endpoint: "messages.count_tokens" });
    expect(request.url).toBe("https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict");
    expect(JSON.parse(request.body!)).toMatchObject({ model: "claude-sonnet-4-5@20250929", messages: messagesBody.messages });
  });
});
