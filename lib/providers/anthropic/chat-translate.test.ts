import { describe, expect, it } from "vitest";
import { ProviderRequestError } from "../errors";
import { buildInput, credential } from "../test-helpers";
import * as fx from "./fixtures";
import { anthropicAdapter as adapter } from "./index";
import { JSON_OBJECT_INSTRUCTION } from "./output-format";

const chatInput = (body: Record<string, unknown>, overrides = {}) =>
  buildInput({
    body: { model: "claude", ...body },
    upstreamModel: "claude-sonnet-4-20250514",
    credential: credential({ provider: "anthropic", secret: "sk-ant-xyz" }),
    ...overrides,
  });
const upstreamBody = (body: Record<string, unknown>, overrides = {}) =>
  JSON.parse(adapter.buildRequest(chatInput(body, overrides)).body!) as Record<string, unknown>;

describe("OpenAI chat → Anthropic request", () => {
  it("targets /v1/messages with Anthropic headers", () => {
    const req = adapter.buildRequest(chatInput({ messages: [{ role: "user", content: "Hi" }] }));
    expect(req.url).toBe("https://api.anthropic.com/v1/messages");
    expect(req.headers["x-api-key"]).toBe("sk-ant-xyz");
    expect(req.headers["anthropic-version"]).toBe("2023-06-01");
  });

  it("hoists system/developer messages, defaults max_tokens, maps sampling params", () => {
    const body = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use French." }] },
        { role: "user", content: "Hello" },
        { role: "assistant", content: "Bonjour" },
        { role: "user", content: "Again" },
      ],
      temperature: 0.3,
      top_p: 0.9,
      stop: "END",
      user: "user-42",
      presence_penalty: 1,
    };
    const snapshot = structuredClone(body);
    expect(upstreamBody(body, { stream: true })).toEqual({
      model: "claude-sonnet-4-20250514",
      max_tokens: 4096,
      system: "Be brief.\n\nUse French.",
      messages: [
        { role: "user", content: "Hello" },
        { role: "assistant", content: [{ type: "text", text: "Bonjour" }] },
        { role: "user", content: "Again" },
      ],
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ["END"],
      metadata: { user_id: "user-42" },
      stream: true,
    });
    expect(body).toEqual(snapshot);
  });

  it("prefers max_completion_tokens over max_tokens", () => {
    const msgs = [{ role: "user", content: "x" }];
    expect(upstreamBody({ messages: msgs, max_tokens: 50 }).max_tokens).toBe(50);
    expect(upstreamBody({ messages: msgs, max_tokens: 50, max_completion_tokens: 70 }).max_tokens).toBe(70);
  });

  it("converts image parts: data URLs to base64, http URLs to url sources", () => {
    const out = upstreamBody({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is in these?" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
            { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "high" } },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
        ],
      },
    ]);
  });

  it("converts tools, tool calls and merged tool results", () => {
    const out = upstreamBody({
      messages: [
        { role: "user", content: "Weather in Paris and the time?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } },
            { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: "18C" },
        { role: "tool", tool_call_id: "call_2", content: [{ type: "text", text: "14:00" }] },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather by city",
            parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
          },
        },
        { type: "function", function: { name: "get_time" } },
      ],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(out.messages).toEqual([
      { role: "user", content: "Weather in Paris and the time?" },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_1", name: "get_weather", input: { location: "Paris" } },
          { type: "tool_use", id: "call_2", name: "get_time", input: {} },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_1", content: "18C" },
          { type: "tool_result", tool_use_id: "call_2", content: [{ type: "text", text: "14:00" }] },
        ],
      },
    ]);
    expect(out.tools).toEqual([
      {
        name: "get_weather",
        description: "Weather by city",
        input_schema: { type: "object", properties: { location: { type: "string" } }, required: ["location"] },
      },
      { name: "get_time", input_schema: { type: "object", properties: {} } },
    ]);
    expect(out.tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it.each([
    ["auto", { type: "auto" }],
    ["none", { type: "none" }],
    ["required", { type: "any" }],
    [
      { type: "function", function: { name: "get_time" } },
      { type: "tool", name: "get_time" },
    ],
  ])("maps tool_choice %j", (choice, expected) => {
    const tools = [{ type: "function", function: { name: "get_time" } }];
    expect(upstreamBody({ messages: [{ role: "user", content: "x" }], tools, tool_choice: choice }).tool_choice).toEqual(expected);
  });

  it("maps response_format json_schema to output_config and json_object to a system instruction", () => {
    const messages = [
      { role: "system", content: "sys" },
      { role: "user", content: "x" },
    ];
    const schema = { type: "object", properties: { a: { type: "integer" } }, required: ["a"], additionalProperties: false };
    const structured = upstreamBody({ messages, response_format: { type: "json_schema", json_schema: { name: "s", schema, strict: true } } });
    expect(structured.output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(structured.system).toBe("sys");
    const json = upstreamBody({ messages, response_format: { type: "json_object" } });
    expect(json.system).toBe(`sys\n\n${JSON_OBJECT_INSTRUCTION}`);
    expect(json).not.toHaveProperty("output_config");
    expect(upstreamBody({ messages, response_format: { type: "text" } })).not.toHaveProperty("output_config");
    expect(() => upstreamBody({ messages, response_format: { type: "json_schema", json_schema: { name: "s" } } })).toThrow(ProviderRequestError);
  });

  it("rejects what Anthropic cannot express with a 400 ProviderRequestError", () => {
    const bad = () => adapter.buildRequest(chatInput({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] }));
    expect(bad).toThrow(ProviderRequestError);
    try {
      bad();
    } catch (e) {
      expect((e as ProviderRequestError).error).toMatchObject({ status: 400, param: "messages[0].content[0]" });
    }
  });
});

describe("Anthropic response → OpenAI chat.completion", () => {
  it("translates text and usage incl. cached tokens", () => {
    const { body, usage } = adapter.parseResponse("chat.completions", fx.TEXT_MESSAGE, chatInput({}));
    expect(body).toMatchObject({
      id: "msg_013Zva2CMHLNnXjNJJKqJ2EF",
      object: "chat.completion",
      model: "claude-sonnet-4-20250514",
      choices: [{ index: 0, message: { role: "assistant", content: "Hi! My name is Claude." }, finish_reason: "stop" }],
      usage: { prompt_tokens: 1842, completion_tokens: 10, total_tokens: 1852, prompt_tokens_details: { cached_tokens: 1800 } },
    });
    expect(usage).toEqual({ inputTokens: 1842, outputTokens: 10, cachedInputTokens: 1800, cacheWrite5mTokens: 30, serviceTier: "standard" });
  });

  it("translates tool_use blocks to tool_calls", () => {
    const { body } = adapter.parseResponse("chat.completions", fx.TOOL_USE_MESSAGE, chatInput({}));
    expect(body).toMatchObject({
      choices: [
        {
          finish_reason: "tool_calls",
          message: {
            content: "I'll check the weather.",
            tool_calls: [
              {
                id: "toolu_01A09q90qw90lq917835lq9",
                type: "function",
                function: { name: "get_weather", arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
              },
            ],
          },
        },
      ],
    });
  });

  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["tool_use", "tool_calls"],
  ])("maps stop_reason %s → %s", (stopReason, finish) => {
    const { body } = adapter.parseResponse("chat.completions", { ...fx.TEXT_MESSAGE, stop_reason: stopReason }, chatInput({}));
    expect((body as { choices: { finish_reason: string }[] }).choices[0]!.finish_reason).toBe(finish);
  });
});
