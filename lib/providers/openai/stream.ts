import { isRecord, stringFieldPattern, sumStringFields, tryParseJson } from "../json";
import { sseEventType } from "../sse";
import type { BuildRequestInput, Endpoint, SseEvent, StreamTransformer, Usage } from "../types";
import { readOpenAIUsage } from "./usage";

// With include_usage on, OpenAI sends `"usage":null` on every chunk; only an object is worth parsing.
const USAGE_OBJECT = /"usage"\s*:\s*\{/;

// Generated text in chat chunks (content, tool arguments, reasoning) and legacy completions (text).
const CHAT_TEXT_FIELDS = stringFieldPattern([
  "content",
  "arguments",
  "refusal",
  "reasoning_content",
  "reasoning",
  "text",
]);
// Responses API text arrives in `*.delta` events; the final `response.completed` repeats it all.
const RESPONSES_DELTA_FIELD = stringFieldPattern(["delta"]);

/**
 * Passes upstream events through byte-for-byte. Output characters are measured by scanning
 * string values of the text-bearing keys with a regex and counting their unescaped length
 * without decoding: no JSON.parse per chunk, and exact for the chars the model generated.
 */
export function createOpenAIStreamTransformer(
  endpoint: Endpoint,
  input: BuildRequestInput,
): StreamTransformer {
  // A stored response replayed as a stream (`GET /v1/responses/{id}?stream=true`) has the same events.
  return endpoint === "responses" || endpoint === "responses.retrieve"
    ? new ResponsesStream()
    : new ChatStream(input.clientWantsStreamUsage);
}

class ChatStream implements StreamTransformer {
  private lastUsage: Usage | null = null;
  private chars = 0;

  constructor(private readonly clientWantsUsage: boolean) {}

  push(ev: SseEvent): string {
    const data = ev.data;
    if (USAGE_OBJECT.test(data)) {
      const chunk = tryParseJson(data);
      if (isRecord(chunk)) {
        const usage = readOpenAIUsage(chunk.usage);
        if (usage) this.lastUsage = usage;
        // The usage-only chunk exists because Latch asked for it; the client did not.
        const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0;
        if (usage && usageOnly && !this.clientWantsUsage) return "";
      }
    }
    if (data !== "[DONE]") this.chars += sumStringFields(data, CHAT_TEXT_FIELDS);
    return ev.raw;
  }

  flush(): string {
    return "";
  }

  usage(): Usage | null {
    return this.lastUsage;
  }

  outputChars(): number {
    return this.chars;
  }
}

class ResponsesStream implements StreamTransformer {
  private lastUsage: Usage | null = null;
  private chars = 0;

  push(ev: SseEvent): string {
    const data = ev.data;
    if (USAGE_OBJECT.test(data)) {
      // response.completed / response.incomplete / response.failed carry the final usage.
      const payload = tryParseJson(data);
      const response = isRecord(payload) ? payload.response : undefined;
      const usage = isRecord(response) ? readOpenAIUsage(response.usage) : null;
      if (usage) this.lastUsage = usage;
    } else if (sseEventType(ev)?.endsWith(".delta")) {
      this.chars += sumStringFields(data, RESPONSES_DELTA_FIELD);
    }
    return ev.raw;
  }

  flush(): string {
    return "";
  }

  usage(): Usage | null {
    return this.lastUsage;
  }

  outputChars(): number {
    return this.chars;
  }
}
