// Anthropic Messages stream → OpenAI chat.completion.chunk stream.
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { isRecord, str, tryParseJson, type JsonObject } from "../json";
import { SSE_DONE, sseData } from "../sse";
import type { SseEvent, StreamTransformer, Usage } from "../types";
import { finishReasonFor, nowSeconds, toChatUsage } from "./chat-response";
import { translateAnthropicError } from "./errors";
import { AnthropicUsageTracker } from "./usage";
import { countGeneratedTokens, FOREIGN_TOKENIZER_FACTOR, StreamedText } from "../tokens";

type Delta = ChatCompletionChunk.Choice.Delta;
type FinishReason = ChatCompletionChunk.Choice["finish_reason"];

export class ChatStreamTranslator implements StreamTransformer {
  private id = "";
  private model = "";
  private readonly created = nowSeconds();
  private readonly tracker = new AnthropicUsageTracker();
  /** Anthropic content-block index → OpenAI tool_calls index (tools are numbered from 0). */
  private readonly toolIndex = new Map<number, number>();
  private finishReason: FinishReason = null;
  private ended = false;
  private readonly text = new StreamedText();

  constructor(
    private readonly clientWantsUsage: boolean,
    private readonly costOf?: (usage: Usage) => number | null,
  ) {}

  push(ev: SseEvent): string {
    if (this.ended) return "";
    const payload = tryParseJson(ev.data);
    if (!isRecord(payload)) return "";
    switch (ev.event ?? str(payload.type)) {
      case "message_start": {
        const message = isRecord(payload.message) ? payload.message : {};
        this.id = str(message.id) ?? "";
        this.model = str(message.model) ?? "";
        this.tracker.onMessageStart(message);
        return this.chunk({ role: "assistant", content: "" });
      }
      case "content_block_start":
        return this.blockStart(payload);
      case "content_block_delta":
        return this.blockDelta(payload);
      case "message_delta": {
        this.tracker.onMessageDelta(payload.usage);
        const delta = isRecord(payload.delta) ? payload.delta : {};
        this.finishReason = finishReasonFor(delta.stop_reason);
        return this.chunk({}, this.finishReason);
      }
      case "message_stop":
        return this.end();
      case "error":
        return this.error(payload.error);
      default:
        return ""; // ping, content_block_stop
    }
  }

  flush(): string {
    // Only close normally if the message actually finished; a cut-off stream gets no [DONE].
    return !this.ended && this.finishReason !== null ? this.end() : "";
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

  private blockStart(payload: JsonObject): string {
    const block = isRecord(payload.content_block) ? payload.content_block : {};
    if (block.type === "text") {
      const text = str(block.text) ?? "";
      this.text.pushDecoded(text);
      return text ? this.chunk({ content: text }) : "";
    }
    if (block.type !== "tool_use" || typeof payload.index !== "number") return "";
    const index = this.toolIndex.size;
    this.toolIndex.set(payload.index, index);
    const name = str(block.name) ?? "";
    this.text.pushDecoded(name);
    return this.chunk({
      tool_calls: [{ index, id: str(block.id) ?? "", type: "function", function: { name, arguments: "" } }],
    });
  }

  private blockDelta(payload: JsonObject): string {
    const delta = isRecord(payload.delta) ? payload.delta : {};
    if (delta.type === "text_delta") {
      const text = str(delta.text) ?? "";
      this.text.pushDecoded(text);
      return text ? this.chunk({ content: text }) : "";
    }
    if (delta.type === "input_json_delta") {
      const index = typeof payload.index === "number" ? this.toolIndex.get(payload.index) : undefined;
      const args = str(delta.partial_json) ?? "";
      this.text.pushDecoded(args);
      if (index === undefined || !args) return "";
      return this.chunk({ tool_calls: [{ index, function: { arguments: args } }] });
    }
    // Thinking is billed output but has no chat.completions representation.
    if (delta.type === "thinking_delta") this.text.pushDecoded(str(delta.thinking) ?? "");
    return "";
  }

  private end(): string {
    this.ended = true;
    let out = this.finishReason === null ? this.chunk({}, "stop") : "";
    const usage = this.tracker.get();
    if (this.clientWantsUsage && usage) {
      const cost = this.costOf?.(usage) ?? null;
      // `cost` (USD) is Latch's addition, as OpenRouter reports it; SDKs keep unknown fields.
      const chatUsage = cost === null ? toChatUsage(usage) : { ...toChatUsage(usage), cost };
      const usageChunk: ChatCompletionChunk = { ...this.envelope(), choices: [], usage: chatUsage };
      out += sseData(usageChunk);
    }
    return out + SSE_DONE;
  }

  private error(err: unknown): string {
    this.ended = true;
    const translated = isRecord(err) ? translateAnthropicError(err) : null;
    const error = translated ?? { message: "Upstream provider stream failed", type: "server_error", code: null };
    return sseData({ error: { ...error, param: null } });
  }

  private envelope(): Omit<ChatCompletionChunk, "choices"> {
    return { id: this.id, object: "chat.completion.chunk", created: this.created, model: this.model };
  }

  private chunk(delta: Delta, finishReason: FinishReason = null): string {
    const chunk: ChatCompletionChunk = {
      ...this.envelope(),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    // OpenAI marks every chunk `"usage":null` once the client opted into stream usage.
    if (this.clientWantsUsage) chunk.usage = null;
    return sseData(chunk);
  }
}
