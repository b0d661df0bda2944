// Test-only helpers: a minimal SSE splitter (the core's parser lives elsewhere) and input builders.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { FOREIGN_TOKENIZER_FACTOR } from "./tokens";
import type { BuildRequestInput, Credential, SseEvent, StreamTransformer } from "./types";

/** Splits SSE text into events; `raw` keeps each event's exact text including its blank line. */
export function splitSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const re = /([\s\S]*?)(\r?\n\r?\n)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const block = m[1] ?? "";
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length > 0 || event) events.push({ event, data: data.join("\n"), raw: m[0] });
  }
  return events;
}

export function runStream(transformer: StreamTransformer, sseText: string): string {
  return (
    splitSse(sseText)
      .map((ev) => transformer.push(ev))
      .join("") + transformer.flush()
  );
}

/** Data payloads of the JSON events in a client-facing stream. */
export function jsonEvents(sseText: string): Record<string, unknown>[] {
  return splitSse(sseText)
    .filter((ev) => ev.data !== "[DONE]")
    .map((ev) => JSON.parse(ev.data) as Record<string, unknown>);
}

export function credential(overrides: Partial<Credential> = {}): Credential {
  return {
    id: "cred_1",
    provider: "openai",
    baseUrl: null,
    secret: "sk-test-secret-123456",
    azureDeployment: null,
    azureApiVersion: null,
    config: {},
    ...overrides,
  };
}

export function buildInput(overrides: Partial<BuildRequestInput> = {}): BuildRequestInput {
  return {
    endpoint: "chat.completions",
    body: { model: "my-alias", messages: [{ role: "user", content: "Hi" }] },
    upstreamModel: "gpt-4o-mini",
    credential: credential(),
    stream: false,
    clientWantsStreamUsage: false,
    ...overrides,
  };
}

/**
 * What countStreamedOutput should report for this streamed text: o200k_base counted here, by the
 * library itself, scaled for a foreign tokenizer.
 */
export function streamedTokens(text: string, foreign: boolean): number {
  return Math.ceil(countTokens(text) * (foreign ? FOREIGN_TOKENIZER_FACTOR : 1));
}
