// The text a request sends to the model, as (path, text) slots: message contents, system prompts,
// tool results and tool-call arguments. Images, audio and files are not text and are skipped.
// Paths let redact.ts write a replacement back without re-serialising the body.
import type { Endpoint } from "@/lib/providers/types";

export type TextSlot = { path: readonly (string | number)[]; text: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string, or an array of content parts whose text parts are collected (OpenAI and Anthropic shapes alike). */
function content(value: unknown, path: readonly (string | number)[], out: TextSlot[]): void {
  if (typeof value === "string") {
    out.push({ path, text: value });
    return;
  }
  if (!Array.isArray(value)) return;
  value.forEach((part, i) => {
    if (typeof part === "string") out.push({ path: [...path, i], text: part });
    if (!isObject(part)) return;
    // text (chat, Anthropic), input_text / output_text (Responses)
    if (typeof part.text === "string") out.push({ path: [...path, i, "text"], text: part.text });
    // Anthropic tool_result blocks carry their own content
    if (part.type === "tool_result") content(part.content, [...path, i, "content"], out);
  });
}

function chatMessages(messages: unknown, out: TextSlot[]): void {
  if (!Array.isArray(messages)) return;
  messages.forEach((m, i) => {
    if (!isObject(m)) return;
    content(m.content, ["messages", i, "content"], out);
    // Earlier turns' tool calls are sent back as history and can carry the same data.
    if (Array.isArray(m.tool_calls))
      m.tool_calls.forEach((call, j) => {
        const args = isObject(call) && isObject(call.function) ? call.function.arguments : undefined;
        if (typeof args === "string") out.push({ path: ["messages", i, "tool_calls", j, "function", "arguments"], text: args });
      });
  });
}

function responsesInput(input: unknown, out: TextSlot[]): void {
  if (typeof input === "string") return void out.push({ path: ["input"], text: input });
  if (!Array.isArray(input)) return;
  input.forEach((item, i) => {
    if (!isObject(item)) return;
    content(item.content, ["input", i, "content"], out);
    if (typeof item.output === "string") out.push({ path: ["input", i, "output"], text: item.output }); // function_call_output
    if (typeof item.arguments === "string") out.push({ path: ["input", i, "arguments"], text: item.arguments }); // function_call
  });
}

/** Strings or arrays of strings (token-id arrays are skipped: they are not text Latch can read). */
function prompts(value: unknown, field: string, out: TextSlot[]): void {
  if (typeof value === "string") out.push({ path: [field], text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => typeof v === "string" && out.push({ path: [field, i], text: v }));
}

export function textParts(endpoint: Endpoint, body: Json): TextSlot[] {
  const out: TextSlot[] = [];
  switch (endpoint) {
    case "chat.completions":
      chatMessages(body.messages, out);
      break;
    case "messages":
      content(body.system, ["system"], out);
      chatMessages(body.messages, out);
      break;
    case "responses":
      if (typeof body.instructions === "string") out.push({ path: ["instructions"], text: body.instructions });
      responsesInput(body.input, out);
      break;
    case "completions":
      prompts(body.prompt, "prompt", out);
      break;
    case "embeddings":
      prompts(body.input, "input", out);
      break;
  }
  return out;
}
