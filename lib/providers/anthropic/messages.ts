// Native /v1/messages passthrough: the client already speaks Anthropic.
import { collectStringFields, isRecord, stringFieldPattern, tryParseJson } from "../json";
import { sseEventType } from "../sse";
import { countGeneratedTokens, FOREIGN_TOKENIZER_FACTOR, StreamedText } from "../tokens";
import type { BuildRequestInput, ParsedResponse, SseEvent, StreamTransformer, Usage } from "../types";
import { AnthropicUsageTracker, readAnthropicUsage } from "./usage";

export function buildMessagesBody(input: BuildRequestInput): Record<string, unknown> {
  return { ...input.body, model: input.upstreamModel };
}

export function parseMessagesResponse(json: unknown): ParsedResponse {
  return { body: json, usage: isRecord(json) ? readAnthropicUsage(json.usage) : null };
}

// Generated text inside content_block_delta events (text, tool input JSON, thinking).
const DELTA_TEXT_FIELDS = stringFieldPattern(["text", "partial_json", "thinking"]);

/** Passes events through raw (byte-exact); parses only the two event kinds that carry usage. */
export class MessagesStreamTransformer implements StreamTransformer {
  private readonly tracker = new AnthropicUsageTracker();
  private readonly text = new StreamedText();
  private readonly collect = (body: string) => this.text.pushEscaped(body);

  push(ev: SseEvent): string {
    const type = sseEventType(ev);
    if (type === "content_block_delta") {
      collectStringFields(ev.data, DELTA_TEXT_FIELDS, this.collect);
    } else if (type === "message_start" || type === "message_delta") {
      const payload = tryParseJson(ev.data);
      if (isRecord(payload)) {
        if (type === "message_start") this.tracker.onMessageStart(payload.message);
        else this.tracker.onMessageDelta(payload.usage);
      }
    }
    return ev.raw;
  }

  flush(): string {
    return "";
  }

  usage(): Usage | null {
    return this.tracker.get();
  }

  usageFinal(): boolean {
    return this.tracker.final();
  }

  countStreamedOutput(): Promise<number> {
    return countGeneratedTokens(this.text.text(), FOREIGN_TOKENIZER_FACTOR);
  }
}
