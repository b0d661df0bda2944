import { describe, expect, it } from "vitest";
import { ProviderRequestError } from "../errors";
import { buildInput, credential } from "../test-helpers";
import type { BuildRequestInput } from "../types";
import { toConverseRequest } from "./converse-request";
import * as fx from "./fixtures";
import { bedrockAdapter as adapter } from "./index";

const bedrockInput = (overrides: Partial<BuildRequestInput>) =>
  buildInput({ credential: credential({ provider: "bedrock", secret: "{}" }), upstreamModel: "anthropic.claude-3-5-haiku-20241022-v1:0", ...overrides });
const sentBody = (overrides: Partial<BuildRequestInput>) => JSON.parse(adapter.buildRequest(bedrockInput(overrides)).body!) as Record<string, unknown>;
const PNG = { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" };

describe("Anthropic Messages → Converse", () => {
  it("maps system, content blocks, cache points, tools and inference settings", () => {
    const out = toConverseRequest({
      model: "ignored",
      max_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ["END"],
      system: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }],
      thinking: { type: "enabled", budget_tokens: 1024 },
      tools: [{ name: "get_weather", description: "Weather", input_schema: { type: "object", properties: {} }, cache_control: { type: "ephemeral" } }],
      tool_choice: { type: "tool", name: "get_weather" },
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "Weather?" },
            { type: "image", source: PNG },
            { type: "document", title: "report.pdf", source: { ...PNG, media_type: "application/pdf" } },
          ],
        },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "tool_use", id: "tu_1", name: "get_weather", input: { city: "Oslo" } },
          ],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "tu_1", content: "4°C", is_error: true }] },
      ],
    });
    expect(out).toEqual({
      system: [{ text: "You are terse." }, { cachePoint: { type: "default" } }],
      messages: [
        {
          role: "user",
          content: [
            { text: "Weather?" },
            { image: { format: "png", source: { bytes: "iVBORw0KGgo=" } } },
            { document: { format: "pdf", name: "report pdf", source: { bytes: "iVBORw0KGgo=" } } },
          ],
        },
        {
          role: "assistant",
          content: [
            { reasoningContent: { reasoningText: { text: "hmm", signature: "sig" } } },
            { toolUse: { toolUseId: "tu_1", name: "get_weather", input: { city: "Oslo" } } },
          ],
        },
        { role: "user", content: [{ toolResult: { toolUseId: "tu_1", content: [{ text: "4°C" }], status: "error" } }] },
      ],
      inferenceConfig: { maxTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ["END"] },
      toolConfig: {
        tools: [
          { toolSpec: { name: "get_weather", description: "Weather", inputSchema: { json: { type: "object", properties: {} } } } },
          { cachePoint: { type: "default" } },
        ],
        toolChoice: { tool: { name: "get_weather" } },
      },
      additionalModelRequestFields: { top_k: 40, thinking: { type: "enabled", budget_tokens: 1024 } },
    });
  });

  it("folds system turns inside messages into the system prompt, in order", () => {
    const out = toConverseRequest({
      system: "top",
      messages: [
        { role: "user", content: "hi" },
        { role: "system", content: [{ type: "text", text: "# Environment" }] },
        { role: "assistant", content: "ok" },
        { role: "system", content: "later" },
        { role: "user", content: "go" },
      ],
    });
    expect(out.system).toEqual([{ text: "top" }, { text: "# Environment" }, { text: "later" }]);
    expect(out.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
  });

  it("drops tools for tool_choice none unless the history needs them", () => {
    const tools = [{ name: "t", input_schema: { type: "object" } }];
    expect(toConverseRequest({ tools, tool_choice: { type: "none" }, messages: [{ role: "user", content: "x" }] }).toolConfig).toBeUndefined();
    const withHistory = toConverseRequest({
      tools,
      tool_choice: { type: "none" },
      messages: [{ role: "assistant", content: [{ type: "tool_use", id: "a", name: "t", input: {} }] }],
    });
    expect(withHistory.toolConfig).toEqual({ tools: [{ toolSpec: { name: "t", inputSchema: { json: { type: "object" } } } }] });
  });

  it("refuses what Converse cannot express", () => {
    const bad = (content: unknown) => () => toConverseRequest({ messages: [{ role: "user", content }] });
    expect(bad([{ type: "image", source: { type: "url", url: "https://x.test/a.png" } }])).toThrow(ProviderRequestError);
    expect(bad([{ type: "image", source: { ...PNG, media_type: "image/bmp" } }])).toThrow(/image\/bmp/);
    expect(() => toConverseRequest({ tools: [{ type: "web_search_20250305", name: "web_search" }], messages: [] })).toThrow(/custom/);
    expect(() => toConverseRequest({ messages: [{ role: "tool", content: "x" }] })).toThrow(ProviderRequestError);
  });
});

describe("chat.completions → Converse (through the Anthropic translation)", () => {
  it("sends system, turns, tool calls and results; max tokens only when the client set them", () => {
    const body = sentBody({
      body: {
        model: "alias",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather in Oslo?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }],
          },
          { role: "tool", tool_call_id: "call_1", content: "4°C" },
        ],
        tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }],
        temperature: 0,
      },
    });
    expect(body).toMatchObject({
      system: [{ text: "Be brief." }],
      messages: [
        { role: "user", content: [{ text: "Weather in Oslo?" }] },
        { role: "assistant", content: [{ toolUse: { toolUseId: "call_1", name: "get_weather", input: { city: "Oslo" } } }] },
        { role: "user", content: [{ toolResult: { toolUseId: "call_1", content: [{ text: "4°C" }] } }] },
      ],
      inferenceConfig: { temperature: 0 },
    });
    expect(sentBody({}).inferenceConfig).toBeUndefined();
    expect(sentBody({ body: { messages: [{ role: "user", content: "x" }], max_completion_tokens: 77 } }).inferenceConfig).toEqual({ maxTokens: 77 });
  });
});

describe("structured output and the Responses API → Converse", () => {
  const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };

  it("carries Claude structured output as outputConfig.textFormat with the schema as a string", () => {
    const body = sentBody({
      body: { messages: [{ role: "user", content: "x" }], response_format: { type: "json_schema", json_schema: { name: "s", schema } } },
    });
    const textFormat = (body.outputConfig as { textFormat: { type: string; structure: { jsonSchema: { schema: string } } } }).textFormat;
    expect(textFormat.type).toBe("json_schema");
    expect(JSON.parse(textFormat.structure.jsonSchema.schema)).toEqual(schema);
  });

  it("translates a Responses request; max tokens only when set or when a thinking budget needs it", () => {
    const responses = (body: Record<string, unknown>) => sentBody({ endpoint: "responses", body: { model: "alias", ...body } });
    expect(responses({ input: "hi", instructions: "Be brief." })).toEqual({
      messages: [{ role: "user", content: [{ text: "hi" }] }],
      system: [{ text: "Be brief." }],
    });
    expect(responses({ input: "hi", max_output_tokens: 64 }).inferenceConfig).toEqual({ maxTokens: 64 });
    expect(responses({ input: "hi", reasoning: { effort: "low" } })).toMatchObject({
      inferenceConfig: { maxTokens: 2048 + 4096 },
      additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 2048 } },
    });
  });

  it("answers a Converse response as a Response object", () => {
    const { body } = adapter.parseResponse("responses", fx.TOOL_RESPONSE, bedrockInput({ endpoint: "responses", body: { input: "x" } }));
    expect(body).toMatchObject({
      object: "response",
      status: "completed",
      output: [
        { type: "reasoning", summary: [{ text: "The user wants the weather." }], encrypted_content: "EqoBCkgIARABGAIiQ" },
        { type: "message", content: [{ text: "Let me check." }] },
        { type: "function_call", name: "get_weather", arguments: '{"city":"Seattle"}' },
      ],
    });
  });
});

describe("Converse response → client formats", () => {
  it("chat.completions: text, tool calls, finish reason and usage (cache reads counted as cached input)", () => {
    const text = adapter.parseResponse("chat.completions", fx.TEXT_RESPONSE, bedrockInput({}));
    expect(text.body).toMatchObject({
      object: "chat.completion",
      model: "anthropic.claude-3-5-haiku-20241022-v1:0",
      choices: [{ message: { content: "Hello! How can I help you today?" }, finish_reason: "stop" }],
    });
    expect(text.usage).toEqual({ inputTokens: 1214, outputTokens: 11, cachedInputTokens: 1200 });
    const tool = adapter.parseResponse("chat.completions", fx.TOOL_RESPONSE, bedrockInput({}));
    expect(tool.body).toMatchObject({
      choices: [
        {
          message: {
            content: "Let me check.",
            tool_calls: [{ id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", function: { name: "get_weather", arguments: '{"city":"Seattle"}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
    });
  });

  it("messages: an Anthropic message with thinking and tool_use blocks", () => {
    const { body, usage } = adapter.parseResponse("messages", fx.TOOL_RESPONSE, bedrockInput({ endpoint: "messages" }));
    expect(body).toMatchObject({
      type: "message",
      role: "assistant",
      id: expect.stringMatching(/^msg_bdrk_/),
      content: [
        { type: "thinking", thinking: "The user wants the weather.", signature: "EqoBCkgIARABGAIiQ" },
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", input: { city: "Seattle" } },
      ],
      stop_reason: "tool_use",
      usage: { input_tokens: 397, output_tokens: 61 },
    });
    expect(usage).toEqual({ inputTokens: 397, outputTokens: 61, cachedInputTokens: 0 });
  });

  it("content filters read as refusals, and a response without usage is left to the estimate", () => {
    const filtered = { ...fx.TEXT_RESPONSE, stopReason: "guardrail_intervened", usage: undefined };
    const { body, usage } = adapter.parseResponse("chat.completions", filtered, bedrockInput({}));
    expect(body).toMatchObject({ choices: [{ finish_reason: "content_filter" }] });
    expect(usage).toBeNull();
  });
});

describe("Converse usage classes", () => {
  it("cacheDetails splits cache writes by TTL; reads stay cached input", () => {
    const usage = {
      inputTokens: 14,
      outputTokens: 20,
      totalTokens: 5534,
      cacheReadInputTokens: 1500,
      cacheWriteInputTokens: 4000,
      cacheDetails: [
        { ttl: "1h", inputTokens: 3000 },
        { ttl: "5m", inputTokens: 1000 },
      ],
    };
    const json = { ...fx.TEXT_RESPONSE, usage };
    const expected = { inputTokens: 14 + 1500 + 4000, outputTokens: 20, cachedInputTokens: 1500, cacheWrite5mTokens: 1000, cacheWrite1hTokens: 3000 };
    expect(adapter.parseResponse("messages", json, bedrockInput({ endpoint: "messages" })).usage).toEqual(expected);
    expect(adapter.parseResponse("chat.completions", json, bedrockInput({})).usage).toEqual(expected);
  });

  it("without cacheDetails, writes are 5-minute writes", () => {
    const usage = { inputTokens: 14, outputTokens: 20, totalTokens: 4034, cacheWriteInputTokens: 4000 };
    expect(adapter.parseResponse("messages", { ...fx.TEXT_RESPONSE, usage }, bedrockInput({ endpoint: "messages" })).usage).toEqual({
      inputTokens: 4014,
      outputTokens: 20,
      cachedInputTokens: 0,
      cacheWrite5mTokens: 4000,
    });
  });
});
