import { collectStringFields, isRecord, stringFieldPattern, tryParseJson } from "../json";
import { sseData, sseEventType } from "../sse";
import { countGeneratedTokens, StreamedText, tokenizerFactor } from "../tokens";
import type { BuildRequestInput, Endpoint, SseEvent, StreamTransformer, Usage } from "../types";
import { readOpenAIAnswerUsage } from "./usage";

// With include_usage on, OpenAI sends `"usage":null` on every chunk; only an object is worth parsing.
const USAGE_OBJECT = /"usage"\s*:\s*\{/;
// The `"usage":null` OpenAI adds to every chunk once include_usage is on. Quotes inside JSON
// strings are always escaped, so an unescaped `"usage":null` can only be the top-level key.
const USAGE_NULL = /,\s*"usage"\s*:\s*null(?=\s*[,}])|"usage"\s*:\s*null\s*,/;

// Generated text in chat chunks (content, tool arguments, reasoning) and legacy completions (text).
const CHAT_TEXT_FIELDS = stringFieldPattern(["content", "arguments", "refusal", "reasoning_content", "reasoning", "text"]);
// Responses API text arrives in `*.delta` events; the final `response.completed` repeats it all.
const RESPONSES_DELTA_FIELD = stringFieldPattern(["delta"]);

/**
 * Passes upstream events through byte-for-byte. Generated text is gathered by scanning string
 * values of the text-bearing keys with a regex, still escaped: no JSON.parse per chunk, and it
 * is decoded and tokenised only if the stream is cut off before its usage arrives.
 */
export function createOpenAIStreamTransformer(endpoint: Endpoint, input: BuildRequestInput): StreamTransformer {
  const factor = tokenizerFactor(input.upstreamModel);
  // A stored response replayed as a stream (`GET /v1/responses/{id}?stream=true`) has the same events.
  return endpoint === "responses" || endpoint === "responses.retrieve"
    ? new ResponsesStream(factor)
    : new ChatStream(input.clientWantsStreamUsage, factor, input.costOf);
}

abstract class OpenAIStream implements StreamTransformer {
  protected lastUsage: Usage | null = null;
  protected readonly text = new StreamedText();
  protected readonly collect = (body: string) => this.text.pushEscaped(body);

  constructor(private readonly factor: number) {}

  abstract push(ev: SseEvent): string;

  flush(): string {
    return "";
  }

  usage(): Usage | null {
    return this.lastUsage;
  }

  // OpenAI reports usage once, at the end: any usage seen is the final count.
  usageFinal(): boolean {
    return this.lastUsage !== null;
  }

  countStreamedOutput(): Promise<number> {
    return countGeneratedTokens(this.text.text(), this.factor);
  }
}

class ChatStream extends OpenAIStream {
  constructor(
    private readonly clientWantsUsage: boolean,
    factor: number,
    private readonly costOf: BuildRequestInput["costOf"],
  ) {
    super(factor);
  }

  push(ev: SseEvent): string {
    const data = ev.data;
    if (USAGE_OBJECT.test(data)) {
      const chunk = tryParseJson(data);
      if (isRecord(chunk)) {
        const usage = readOpenAIAnswerUsage(chunk);
        if (usage) this.lastUsage = usage;
        // The usage-only chunk exists because Latch asked for it; the client did not.
        const usageOnly = Array.isArray(chunk.choices) && chunk.choices.length === 0;
        if (usage && usageOnly && !this.clientWantsUsage) return "";
        if (usage && this.costOf) return withCost(chunk, this.costOf(usage), ev);
      }
    }
    if (data !== "[DONE]") collectStringFields(data, CHAT_TEXT_FIELDS, this.collect);
    // Latch opted into stream usage for metering; a client that did not gets chunks without the key.
    return this.clientWantsUsage ? ev.raw : ev.raw.replace(USAGE_NULL, "");
  }
}

/** The usage chunk with `usage.cost` (USD) added, as OpenRouter reports it; unpriced adds nothing. */
function withCost(chunk: Record<string, unknown>, cost: number | null, ev: SseEvent): string {
  if (cost === null || !isRecord(chunk.usage)) return ev.raw;
  return sseData({ ...chunk, usage: { ...chunk.usage, cost } });
}

class ResponsesStream extends OpenAIStream {
  push(ev: SseEvent): string {
    const data = ev.data;
    if (USAGE_OBJECT.test(data)) {
      // response.completed / response.incomplete / response.failed carry the final usage.
      const payload = tryParseJson(data);
      const usage = isRecord(payload) ? readOpenAIAnswerUsage(payload.response) : null;
      if (usage) this.lastUsage = usage;
    } else if (sseEventType(ev)?.endsWith(".delta")) {
      collectStringFields(data, RESPONSES_DELTA_FIELD, this.collect);
    }
    return ev.raw;
  }
}
