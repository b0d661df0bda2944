// The echo model answering in Anthropic's Messages wire format.
import type { JsonObject } from "../json";
import { sseEvent } from "../sse";
import * as echo from "./echo";
import { jsonResponse, mockId, sseResponse } from "./http";

export function mockAnthropicResponse(body: JsonObject, model: string): Response {
  const prompt = echo.messagesPrompt(body);
  const reply = echo.echoReply(prompt);
  const usage = echo.echoUsage(prompt, reply);
  const message = {
    id: mockId("msg_"),
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text: reply }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: usage.inputTokens,
      output_tokens: usage.outputTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
  if (body.stream !== true) return jsonResponse(message);
  const ev = (type: string, data: JsonObject) => sseEvent(type, { type, ...data });
  return sseResponse([
    ev("message_start", {
      message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
    }),
    ev("content_block_start", { index: 0, content_block: { type: "text", text: "" } }),
    ev("ping", {}),
    ...echo.splitReply(reply).map((text) => ev("content_block_delta", { index: 0, delta: { type: "text_delta", text } })),
    ev("content_block_stop", { index: 0 }),
    ev("message_delta", {
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    }),
    ev("message_stop", {}),
  ]);
}
