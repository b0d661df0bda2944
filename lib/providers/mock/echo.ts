// What the echo model "reads" and "writes", computed from the wire body it was sent.
import { isRecord, str, type JsonObject } from "../json";
import { estimateTokensFromChars } from "../tokens";
import type { Usage } from "../types";

export const MAX_REPLY_CHARS = 2000;
export const EMBEDDING_DIMENSIONS = 8;

export type EchoPrompt = { lastUserText: string; promptChars: number };

/** Text of a message's content in any of the shapes the served APIs use. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => {
      if (!isRecord(part)) return "";
      if (typeof part.text === "string") return part.text; // text, input_text, output_text
      return part.type === "tool_result" ? textOf(part.content) : "";
    })
    .join("");
}

function fromTurns(turns: unknown, preamble: string): EchoPrompt {
  let promptChars = preamble.length;
  let lastUserText = "";
  for (const turn of Array.isArray(turns) ? turns : []) {
    if (!isRecord(turn)) continue;
    const text = textOf(turn.content) || (str(turn.output) ?? "");
    promptChars += text.length;
    if (turn.role === "user") lastUserText = text;
  }
  return { lastUserText, promptChars };
}

export function chatPrompt(body: JsonObject): EchoPrompt {
  return fromTurns(body.messages, "");
}

export function messagesPrompt(body: JsonObject): EchoPrompt {
  return fromTurns(body.messages, textOf(body.system));
}

export function responsesPrompt(body: JsonObject): EchoPrompt {
  const instructions = str(body.instructions) ?? "";
  if (typeof body.input === "string") {
    return { lastUserText: body.input, promptChars: instructions.length + body.input.length };
  }
  return fromTurns(body.input, instructions);
}

/** Inputs of completions/embeddings: a string, strings, or token arrays (echoed as numbers). */
export function inputTexts(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((x) => typeof x === "number")) return [input.join(" ")];
  return input.map((x) => (typeof x === "string" ? x : Array.isArray(x) ? x.join(" ") : ""));
}

export function completionsPrompt(body: JsonObject): EchoPrompt {
  const texts = inputTexts(body.prompt);
  return { lastUserText: texts.at(-1) ?? "", promptChars: texts.reduce((n, t) => n + t.length, 0) };
}

export function echoReply(prompt: EchoPrompt): string {
  return `Echo: ${prompt.lastUserText}`.slice(0, MAX_REPLY_CHARS);
}

export function echoUsage(prompt: EchoPrompt, reply: string): Usage {
  return {
    inputTokens: estimateTokensFromChars(prompt.promptChars),
    outputTokens: estimateTokensFromChars(reply.length),
    cachedInputTokens: 0,
  };
}

/** Deterministic unit vector: FNV-1a of the text, reseeded per dimension. */
export function embeddingVector(text: string): number[] {
  const raw = Array.from({ length: EMBEDDING_DIMENSIONS }, (_, dim) => {
    let h = (0x811c9dc5 ^ dim) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    return h / 0xffffffff - 0.5;
  });
  const norm = Math.hypot(...raw) || 1;
  return raw.map((x) => x / norm);
}

/** OpenAI's `encoding_format: "base64"`: little-endian float32s (the SDKs request it by default). */
export function toBase64Floats(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Splits the reply into a few pieces so streams have several deltas. */
export function splitReply(reply: string, pieces = 4): string[] {
  const size = Math.max(1, Math.ceil(reply.length / pieces));
  const out: string[] = [];
  for (let i = 0; i < reply.length; i += size) out.push(reply.slice(i, i + size));
  return out;
}
