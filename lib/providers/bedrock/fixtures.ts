// Recorded Bedrock Converse / ConverseStream traffic (payloads as AWS sends them, including the
// random-length `p` padding field on stream events), used by tests.
import { encodeEvent } from "./event-stream";

export const TEXT_RESPONSE = {
  output: { message: { role: "assistant", content: [{ text: "Hello! How can I help you today?" }] } },
  stopReason: "end_turn",
  usage: { inputTokens: 14, outputTokens: 11, totalTokens: 1225, cacheReadInputTokens: 1200, cacheWriteInputTokens: 0 },
  metrics: { latencyMs: 612 },
};

export const TOOL_RESPONSE = {
  output: {
    message: {
      role: "assistant",
      content: [
        { reasoningContent: { reasoningText: { text: "The user wants the weather.", signature: "EqoBCkgIARABGAIiQ" } } },
        { text: "Let me check." },
        { toolUse: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", input: { city: "Seattle" } } },
      ],
    },
  },
  stopReason: "tool_use",
  usage: { inputTokens: 397, outputTokens: 61, totalTokens: 458 },
  metrics: { latencyMs: 1503 },
};

export type RecordedEvent = [eventType: string, payload: Record<string, unknown>];

export const TEXT_STREAM: RecordedEvent[] = [
  ["messageStart", { p: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU", role: "assistant" }],
  ["contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hello" }, p: "abcdefghijklmnopqrstuvwxyzABCDEF" }],
  ["contentBlockDelta", { contentBlockIndex: 0, delta: { text: ' "world"!' }, p: "abcdefghijkl" }],
  ["contentBlockStop", { contentBlockIndex: 0, p: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQR" }],
  ["messageStop", { p: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", stopReason: "end_turn" }],
  ["metadata", { metrics: { latencyMs: 402 }, p: "abcdefghij", usage: { inputTokens: 25, outputTokens: 15, totalTokens: 140, cacheReadInputTokens: 100 } }],
];
export const TEXT_STREAM_TEXT = 'Hello "world"!';

export const TOOL_STREAM: RecordedEvent[] = [
  ["messageStart", { role: "assistant" }],
  ["contentBlockDelta", { contentBlockIndex: 0, delta: { reasoningContent: { text: "Need weather." } } }],
  ["contentBlockDelta", { contentBlockIndex: 0, delta: { reasoningContent: { signature: "EqoBCkgIARAB" } } }],
  ["contentBlockStop", { contentBlockIndex: 0 }],
  ["contentBlockStart", { contentBlockIndex: 1, start: { toolUse: { toolUseId: "tooluse_Vb1tJ2RlT6u", name: "get_weather" } } }],
  ["contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }],
  ["contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '"Seattle"}' } } }],
  ["contentBlockStop", { contentBlockIndex: 1 }],
  ["messageStop", { stopReason: "tool_use" }],
  ["metadata", { usage: { inputTokens: 397, outputTokens: 61, totalTokens: 458 }, metrics: { latencyMs: 1503 } }],
];

/** The bytes Bedrock would send for a recorded stream. */
export function encodeStream(events: RecordedEvent[]): Uint8Array {
  const parts = events.map(([type, payload]) => encodeEvent(type, payload));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A recorded stream as the decoder hands it to the transformer: re-framed SSE text. */
export function asSse(events: RecordedEvent[]): string {
  return events.map(([type, payload]) => `event: ${type}\ndata: ${JSON.stringify(payload)}\n\n`).join("");
}
