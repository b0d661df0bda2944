import { describe, expect, it } from "vitest";
import { buildInput, credential } from "../test-helpers";
import * as fx from "./fixtures";
import { anthropicAdapter as adapter } from "./index";
import { toAnthropicResponsesRequest } from "./responses-translate";

const input = (body: Record<string, unknown> = {}) =>
  buildInput({
    endpoint: "responses",
    body: { model: "claude", input: "hi", ...body },
    upstreamModel: "claude-sonnet-4-20250514",
    credential: credential({ provider: "anthropic" }),
  });
const parse = (json: unknown, body: Record<string, unknown> = {}) => adapter.parseResponse("responses", json, input(body));

describe("Anthropic response → OpenAI Response", () => {
  it("builds a completed response with a message item, echoes and usage", () => {
    const { body, usage } = parse(fx.TEXT_MESSAGE, { instructions: "be kind", metadata: { k: "v" }, max_output_tokens: 99 });
    expect(body).toMatchObject({
      id: "resp_013Zva2CMHLNnXjNJJKqJ2EF",
      object: "response",
      status: "completed",
      error: null,
      incomplete_details: null,
      instructions: "be kind",
      metadata: { k: "v" },
      max_output_tokens: 99,
      model: "claude-sonnet-4-20250514",
      output: [
        {
          id: "msg_013Zva2CMHLNnXjNJJKqJ2EF_0",
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Hi! My name is Claude.", annotations: [] }],
        },
      ],
      usage: {
        input_tokens: 1842,
        input_tokens_details: { cached_tokens: 1800 },
        output_tokens: 10,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 1852,
      },
    });
    expect(usage).toMatchObject({ inputTokens: 1842, outputTokens: 10, cachedInputTokens: 1800 });
    expect(body).not.toHaveProperty("output_text");
  });

  it("turns tool_use blocks into function_call items", () => {
    const { body } = parse(fx.TOOL_USE_MESSAGE);
    expect((body as { output: unknown[] }).output[1]).toEqual({
      id: "fc_toolu_01A09q90qw90lq917835lq9",
      type: "function_call",
      status: "completed",
      call_id: "toolu_01A09q90qw90lq917835lq9",
      name: "get_weather",
      arguments: '{"location":"San Francisco, CA","unit":"celsius"}',
    });
  });

  it("reports max_tokens as incomplete and carries thinking as reasoning items", () => {
    const { body } = parse(fx.THINKING_MESSAGE);
    expect(body).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [
        { type: "reasoning", summary: [{ type: "summary_text", text: "Let me think it through." }], encrypted_content: "EqQBCgIYAhIM1gbcDa9GJwZA2b3h" },
        { type: "reasoning", summary: [], encrypted_content: "redacted_thinking:EmwKAhgBEgy3va3pzix" },
        { type: "message", content: [{ text: "The answer" }] },
      ],
    });
  });

  it("round-trips its output items as the next request's input", () => {
    const { body } = parse(fx.THINKING_MESSAGE);
    const output = (body as { output: unknown[] }).output;
    const next = toAnthropicResponsesRequest(input({ input: [{ role: "user", content: "q" }, ...output, { role: "user", content: "more" }] }));
    expect(next.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "q" }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Let me think it through.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3h" },
          { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix" },
          { type: "text", text: "The answer" },
        ],
      },
      { role: "user", content: [{ type: "text", text: "more" }] },
    ]);
  });
});

describe("namespace tools (Codex groups its MCP tools so)", () => {
  const tools = [
    { type: "function", name: "exec_command", parameters: { type: "object", properties: {} } },
    {
      type: "namespace",
      name: "mcp__docs",
      description: "Docs server",
      tools: [{ type: "function", name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } }],
    },
  ];

  it("become flat-named Claude tools, and history calls with a namespace keep it", () => {
    const request = toAnthropicResponsesRequest(
      input({
        tools,
        input: [
          { role: "user", content: "find it" },
          { type: "function_call", call_id: "toolu_1", namespace: "mcp__docs", name: "search", arguments: '{"q":"x"}' },
          { type: "function_call_output", call_id: "toolu_1", output: "found" },
        ],
      }),
    );
    expect(request.tools!.map((t) => ("name" in t ? t.name : ""))).toEqual(["exec_command", "mcp__docs__search"]);
    expect(request.messages[1]).toMatchObject({
      role: "assistant",
      content: [{ type: "tool_use", id: "toolu_1", name: "mcp__docs__search", input: { q: "x" } }],
    });
  });

  it("calls of a flat name come back as function calls with their namespace", () => {
    const message = {
      ...fx.TEXT_MESSAGE,
      stop_reason: "tool_use",
      content: [{ type: "tool_use", id: "toolu_2", name: "mcp__docs__search", input: { q: "y" } }],
    };
    const { body } = parse(message, { tools });
    expect((body as { output: unknown[] }).output).toEqual([
      expect.objectContaining({ type: "function_call", call_id: "toolu_2", namespace: "mcp__docs", name: "search", arguments: '{"q":"y"}' }),
    ]);
  });
});

describe("hosted web search (Codex offers it by default)", () => {
  it("goes to Claude as its server-side web search, and the search comes back as a web_search_call", () => {
    const tools = [{ type: "web_search", filters: { allowed_domains: ["example.com"] }, user_location: { type: "approximate", country: "FR" } }];
    const request = toAnthropicResponsesRequest(input({ tools }));
    expect(request.tools).toEqual([
      { type: "web_search_20250305", name: "web_search", allowed_domains: ["example.com"], user_location: { type: "approximate", country: "FR" } },
    ]);
    const message = {
      ...fx.TEXT_MESSAGE,
      content: [
        { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "latch gateway" } },
        { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: [] },
        { type: "text", text: "Found it." },
      ],
    };
    const output = (parse(message, { tools }).body as { output: { type: string }[] }).output;
    expect(output.map((o) => o.type)).toEqual(["web_search_call", "message"]);
    expect(output[0]).toMatchObject({ id: "srvtoolu_1", status: "completed", action: { type: "search", query: "latch gateway" } });
  });
});
