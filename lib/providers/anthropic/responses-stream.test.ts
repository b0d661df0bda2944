import { describe, expect, it } from "vitest";
import { accumulateResponse } from "openai/lib/responses/ResponseAccumulator";
import type { Response, ResponseStreamEvent } from "openai/resources/responses/responses";
import { buildInput, jsonEvents, runStream, splitSse } from "../test-helpers";
import * as fx from "./fixtures";
import { anthropicAdapter as adapter } from "./index";

const translate = (sse: string, body: Record<string, unknown> = {}) => {
  const input = buildInput({ endpoint: "responses", body: { model: "c", input: "hi", ...body }, upstreamModel: "claude-sonnet-4-5", stream: true });
  const t = adapter.createStreamTransformer("responses", input);
  const out = runStream(t, sse);
  const events = jsonEvents(out) as unknown as ResponseStreamEvent[];
  // The SDK's own accumulator throws on any event that refers to an item or part not announced.
  let snapshot: Response | undefined;
  for (const event of events) snapshot = accumulateResponse(event, snapshot);
  return { t, out, events, types: events.map((e) => e.type), snapshot: snapshot! };
};

describe("Anthropic stream → Responses stream", () => {
  it("emits the lifecycle and text events, numbered, named on the event line", async () => {
    const { t, out, events, types, snapshot } = translate(fx.TEXT_STREAM);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(splitSse(out).every((e) => e.event === JSON.parse(e.data).type)).toBe(true);
    expect(events[0]).toMatchObject({ response: { id: "resp_01XFDUDYJgAACzvnptvVoYEL", status: "in_progress", output: [] } });
    expect(snapshot.status).toBe("completed");
    expect(snapshot.output_text).toBe(fx.TEXT_STREAM_TEXT);
    expect(snapshot.usage).toMatchObject({ input_tokens: 130, output_tokens: 15, input_tokens_details: { cached_tokens: 100 } });
    expect(t.usage()).toMatchObject({ inputTokens: 130, outputTokens: 15, cachedInputTokens: 100, cacheWrite5mTokens: 5 });
    expect(t.usageFinal()).toBe(true);
    expect(await t.countStreamedOutput()).toBeGreaterThan(0);
  });

  it("streams function calls as their own output items", () => {
    const { types, snapshot, events } = translate(fx.TOOL_STREAM);
    expect(types.filter((t) => t === "response.output_item.added")).toHaveLength(3);
    expect(types.filter((t) => t === "response.function_call_arguments.delta")).toHaveLength(3);
    expect(snapshot.output.map((o) => o.type)).toEqual(["message", "function_call", "function_call"]);
    expect(snapshot.output[1]).toMatchObject({
      call_id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
      name: "get_weather",
      arguments: '{"location": "Paris"}',
      status: "completed",
    });
    const done = events.find((e) => e.type === "response.function_call_arguments.done");
    expect(done).toMatchObject({ output_index: 1, name: "get_weather", arguments: '{"location": "Paris"}' });
  });

  it("streams a call of a custom tool as custom_tool_call input, whole once complete", () => {
    const { types, snapshot } = translate(fx.TOOL_STREAM, { tools: [{ type: "custom", name: "get_time" }] });
    expect(types.filter((t) => t.startsWith("response.custom_tool_call_input"))).toEqual([
      "response.custom_tool_call_input.delta",
      "response.custom_tool_call_input.done",
    ]);
    expect(snapshot.output[2]).toEqual({ id: "ctc_toolu_02", type: "custom_tool_call", call_id: "toolu_02", name: "get_time", input: "{}" });
  });

  it("streams thinking as a reasoning summary and ends in response.incomplete on max_tokens", () => {
    const { types, snapshot } = translate(fx.THINKING_STREAM);
    expect(types.slice(2, 9)).toEqual([
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
    ]);
    expect(types.at(-1)).toBe("response.incomplete");
    expect(snapshot).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    expect(snapshot.output[0]).toMatchObject({
      type: "reasoning",
      summary: [{ type: "summary_text", text: "Let me think it through." }],
      encrypted_content: "EqQBCgIYAhIM1gbcDa9GJwZA2b3h",
    });
    expect(snapshot.output_text).toBe("The answer");
  });

  it("ends in response.failed on an upstream error event", () => {
    const { types, snapshot } = translate(fx.OVERLOADED_STREAM);
    expect(types.at(-1)).toBe("response.failed");
    expect(snapshot).toMatchObject({ status: "failed", error: { code: "server_error", message: "Overloaded" } });
  });

  it("opens the response before failing when the error comes first", () => {
    const { types, snapshot } = translate(`event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}\n\n`);
    expect(types).toEqual(["response.created", "response.in_progress", "response.failed"]);
    expect(snapshot.error).toEqual({ code: "rate_limit_exceeded", message: "Slow down" });
  });

  it("adds no terminal event to a stream cut before the message finished", () => {
    const cut = fx.TEXT_STREAM.split("event: message_delta")[0]!;
    const { types } = translate(cut);
    expect(types.at(-1)).toBe("response.output_item.done");
  });
});
