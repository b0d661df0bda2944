import { describe, expect, it } from "vitest";
import { ProviderRequestError } from "../errors";
import { buildInput } from "../test-helpers";
import { JSON_OBJECT_INSTRUCTION } from "./output-format";
import { toAnthropicResponsesRequest } from "./responses-translate";

const translate = (body: Record<string, unknown>, stream = false) =>
  toAnthropicResponsesRequest(buildInput({ endpoint: "responses", body: { model: "alias", ...body }, upstreamModel: "claude-sonnet-4-5", stream }));

const weather = { type: "function", name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

describe("Responses request → Anthropic Messages", () => {
  it("maps a string input, instructions and sampling parameters", () => {
    const out = translate(
      { input: "hi", instructions: "be brief", max_output_tokens: 300, temperature: 0.2, top_p: 0.9, user: "u-1", metadata: { a: "b" } },
      true,
    );
    expect(out).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 300,
      system: "be brief",
      messages: [{ role: "user", content: "hi" }],
      temperature: 0.2,
      top_p: 0.9,
      metadata: { user_id: "u-1" },
      stream: true,
    });
  });

  it("defaults max_tokens as the chat translation does", () => {
    expect(translate({ input: "hi" }).max_tokens).toBe(4096);
  });

  it("maps message items, content parts, tool calls, tool results and mid-input system text", () => {
    const out = translate({
      input: [
        { type: "message", role: "developer", content: "rules" },
        {
          role: "user",
          content: [
            { type: "input_text", text: "look" },
            { type: "input_image", image_url: "data:image/webp;base64,UklG", detail: "auto" },
            { type: "input_file", filename: "a.pdf", file_data: "data:application/pdf;base64,JVBER" },
          ],
        },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Checking." }] },
        { type: "function_call", call_id: "toolu_1", name: "get_weather", arguments: '{"city":"Paris"}' },
        { type: "function_call_output", call_id: "toolu_1", output: "sunny" },
        { role: "system", content: "more rules" },
      ],
    });
    expect(out.system).toBe("rules\n\nmore rules");
    expect(out.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "look" },
          { type: "image", source: { type: "base64", media_type: "image/webp", data: "UklG" } },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBER" } },
        ],
      },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Checking." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "sunny" }] },
    ]);
  });

  it("turns reasoning items carrying a signature back into thinking blocks, and skips the rest", () => {
    const out = translate({
      input: [
        { role: "user", content: "q" },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thought" }], encrypted_content: "sig-abc" },
        { type: "reasoning", id: "rs_2", summary: [], encrypted_content: "redacted_thinking:opaque" },
        { type: "reasoning", id: "rs_3", summary: [{ type: "summary_text", text: "from another model" }] },
        { type: "function_call", call_id: "toolu_1", name: "f", arguments: "" },
      ],
    });
    expect(out.messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "thought", signature: "sig-abc" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "tool_use", id: "toolu_1", name: "f", input: {} },
      ],
    });
  });

  it("maps function tools, tool_choice and parallel_tool_calls", () => {
    const tools = [weather];
    expect(translate({ input: "x", tools }).tools).toEqual([{ name: "get_weather", description: "Weather", input_schema: weather.parameters }]);
    expect(translate({ input: "x", tools, tool_choice: "required" }).tool_choice).toEqual({ type: "any" });
    expect(translate({ input: "x", tools, tool_choice: "none" }).tool_choice).toEqual({ type: "none" });
    expect(translate({ input: "x", tools, tool_choice: { type: "function", name: "get_weather" } }).tool_choice).toEqual({ type: "tool", name: "get_weather" });
    expect(translate({ input: "x", tools, parallel_tool_calls: false }).tool_choice).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(translate({ input: "x", tool_choice: "required" })).not.toHaveProperty("tool_choice");
  });

  it("maps custom (freeform) tools to a one-string tool, and their calls and outputs back", () => {
    const patch = { type: "custom", name: "apply_patch", description: "Edit files", format: { type: "grammar", syntax: "lark", definition: "start: BEGIN" } };
    const out = translate({
      tools: [patch],
      input: [
        { role: "user", content: "fix it" },
        { type: "custom_tool_call", call_id: "toolu_9", name: "apply_patch", input: "*** Begin Patch" },
        { type: "custom_tool_call_output", call_id: "toolu_9", output: "Done" },
      ],
    });
    expect(out.tools).toEqual([
      {
        name: "apply_patch",
        description: "Edit files\n\nInput format (lark):\nstart: BEGIN",
        input_schema: { type: "object", properties: { input: { type: "string", description: "The tool's raw input." } }, required: ["input"] },
      },
    ]);
    expect(out.messages.slice(1)).toEqual([
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_9", name: "apply_patch", input: { input: "*** Begin Patch" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "Done" }] },
    ]);
  });

  it("maps reasoning effort to a thinking budget that fits max_tokens", () => {
    expect(translate({ input: "x", reasoning: { effort: "medium" } })).toMatchObject({
      thinking: { type: "enabled", budget_tokens: 8192 },
      max_tokens: 8192 + 4096,
    });
    expect(translate({ input: "x", reasoning: { effort: "high" }, max_output_tokens: 5000 })).toMatchObject({
      thinking: { budget_tokens: 4999 },
      max_tokens: 5000,
    });
    expect(translate({ input: "x", reasoning: { effort: "low" }, max_output_tokens: 1000 })).not.toHaveProperty("thinking");
    expect(translate({ input: "x", reasoning: { effort: "none" } })).not.toHaveProperty("thinking");
  });

  it("maps text.format to Claude structured output, json_object to an instruction", () => {
    const schema = { type: "object", properties: { name: { type: "string", minLength: 2 } }, required: ["name"], additionalProperties: false };
    const out = translate({ input: "x", text: { format: { type: "json_schema", name: "person", schema, strict: true } } });
    // Claude accepts no minLength; the SDK's transform keeps it as a description.
    expect(out.output_config).toEqual({
      format: {
        type: "json_schema",
        schema: { type: "object", properties: { name: { type: "string", description: "{minLength: 2}" } }, required: ["name"], additionalProperties: false },
      },
    });
    const json = translate({ input: "x", instructions: "hi", text: { format: { type: "json_object" } } });
    expect(json.system).toBe(`hi\n\n${JSON_OBJECT_INSTRUCTION}`);
    expect(json).not.toHaveProperty("output_config");
    expect(translate({ input: "x", text: { format: { type: "text" } } })).not.toHaveProperty("output_config");
  });

  it("refuses what a stateless translation cannot honour", () => {
    const refused = (body: Record<string, unknown>, param: string) => {
      const err = (() => {
        try {
          translate(body);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ProviderRequestError);
      expect((err as ProviderRequestError).error).toMatchObject({ status: 400, param });
    };
    refused({ input: "x", previous_response_id: "resp_1" }, "previous_response_id");
    refused({ input: "x", conversation: "conv_1" }, "conversation");
    refused({ input: [{ type: "item_reference", id: "msg_1" }] }, "input[0]");
    refused({ input: "x", tools: [{ type: "file_search", vector_store_ids: ["vs_1"] }] }, "tools[0]");
    refused({ input: [{ role: "user", content: [{ type: "input_image", file_id: "file-1" }] }] }, "input[0].content[0]");
    refused({ input: [{ type: "function_call", call_id: "c", name: "f", arguments: "{nope" }] }, "input[0].arguments");
  });
});
