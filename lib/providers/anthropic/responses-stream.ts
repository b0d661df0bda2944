// Anthropic Messages stream → OpenAI Responses stream: the lifecycle events, then each content
// block as one output item (added → deltas → done), ending in response.completed,
// response.incomplete (max_tokens) or response.failed (an upstream error event).
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { isRecord, str, tryParseJson, type JsonObject } from "../json";
import { sseEvent } from "../sse";
import type { BuildRequestInput, SseEvent, StreamTransformer, Usage } from "../types";
import { REDACTED_THINKING_PREFIX } from "./responses-input";
import {
  customToolCallItem,
  functionCallItem,
  itemId,
  messageItem,
  outcomeFor,
  outputText,
  reasoningItem,
  responseEnvelope,
  toResponseError,
  toResponseUsage,
  type WireResponse,
} from "./responses-object";
import { customInput, customToolNames, namespacedToolNames, type NamespacedName } from "./tools";
import { AnthropicUsageTracker } from "./usage";
import { countGeneratedTokens, FOREIGN_TOKENIZER_FACTOR, StreamedText } from "../tokens";

type OpenBlock = { outputIndex: number; itemId: string; block: JsonObject; text: string; signature: string | null; custom: boolean };

export class ResponsesStreamTranslator implements StreamTransformer {
  private seq = 0;
  private response: WireResponse | null = null;
  private readonly output: ResponseOutputItem[] = [];
  /** Anthropic content-block index → the output item it became. */
  private readonly open = new Map<number, OpenBlock>();
  private readonly tracker = new AnthropicUsageTracker();
  private stopReason: unknown = null;
  private ended = false;
  private readonly streamed = new StreamedText();

  private readonly custom: Set<string>;
  private readonly namespaced: ReadonlyMap<string, NamespacedName>;

  constructor(private readonly input: BuildRequestInput) {
    this.custom = customToolNames(input.body);
    this.namespaced = namespacedToolNames(input.body);
  }

  push(ev: SseEvent): string {
    if (this.ended) return "";
    const payload = tryParseJson(ev.data);
    if (!isRecord(payload)) return "";
    switch (ev.event ?? str(payload.type)) {
      case "message_start":
        return this.start(isRecord(payload.message) ? payload.message : {});
      case "content_block_start":
        return this.blockStart(payload);
      case "content_block_delta":
        return this.blockDelta(payload);
      case "content_block_stop":
        return this.blockStop(payload);
      case "message_delta":
        this.tracker.onMessageDelta(payload.usage);
        if (isRecord(payload.delta)) this.stopReason = payload.delta.stop_reason ?? this.stopReason;
        return "";
      case "message_stop":
        return this.finish();
      case "error":
        return this.fail(payload.error);
      default:
        return ""; // ping
    }
  }

  flush(): string {
    // A stream cut before message_stop still closes if the message itself had finished.
    return !this.ended && this.stopReason !== null ? this.finish() : "";
  }

  usage(): Usage | null {
    return this.tracker.get();
  }

  usageFinal(): boolean {
    return this.tracker.final();
  }

  countStreamedOutput(): Promise<number> {
    return countGeneratedTokens(this.streamed.text(), FOREIGN_TOKENIZER_FACTOR);
  }

  private emit(type: string, fields: Record<string, unknown>): string {
    return sseEvent(type, { type, sequence_number: this.seq++, ...fields });
  }

  private start(message: JsonObject): string {
    this.tracker.onMessageStart(message);
    const messageId = str(message.id) ?? "";
    this.response = responseEnvelope(this.input, `resp_${messageId.replace(/^msg_/, "")}`, str(message.model) ?? this.input.upstreamModel);
    return this.emit("response.created", { response: this.response }) + this.emit("response.in_progress", { response: this.response });
  }

  private blockStart(payload: JsonObject): string {
    const block = isRecord(payload.content_block) ? payload.content_block : {};
    if (!this.response || typeof payload.index !== "number") return "";
    const id = itemId(this.response.id.replace(/^resp_/, "msg_"), block, payload.index);
    const custom = block.type === "tool_use" && this.custom.has(str(block.name) ?? "");
    const open: OpenBlock = { outputIndex: this.output.length, itemId: id, block, text: "", signature: str(block.signature) || null, custom };
    const at = { item_id: id, output_index: open.outputIndex };
    let item: ResponseOutputItem;
    if (block.type === "text") item = messageItem(id, "", "in_progress");
    else if (block.type === "tool_use") {
      item = custom ? customToolCallItem(block, "", this.namespaced) : functionCallItem(block, "", "in_progress", this.namespaced);
      open.itemId = item.id ?? id;
    } else if (block.type === "thinking" || block.type === "redacted_thinking") {
      item = reasoningItem(id, "", null, false);
      if (block.type === "redacted_thinking") open.signature = REDACTED_THINKING_PREFIX + (str(block.data) ?? "");
    } else {
      return ""; // server tool blocks have no Responses form
    }
    this.open.set(payload.index, open);
    this.output.push(item);
    // Events are numbered as they are built, so the item must be announced before its part.
    let out = this.emit("response.output_item.added", { output_index: open.outputIndex, item });
    if (block.type === "text") {
      out += this.emit("response.content_part.added", { ...at, content_index: 0, part: outputText("") });
      const initial = str(block.text) ?? "";
      if (initial) out += this.textDelta(open, initial);
    } else if (block.type === "thinking") {
      out += this.emit("response.reasoning_summary_part.added", { ...at, summary_index: 0, part: { type: "summary_text", text: "" } });
    }
    return out;
  }

  private textDelta(open: OpenBlock, text: string): string {
    open.text += text;
    this.streamed.pushDecoded(text);
    return this.emit("response.output_text.delta", { item_id: open.itemId, output_index: open.outputIndex, content_index: 0, delta: text, logprobs: [] });
  }

  private blockDelta(payload: JsonObject): string {
    const open = typeof payload.index === "number" ? this.open.get(payload.index) : undefined;
    const delta = isRecord(payload.delta) ? payload.delta : {};
    if (!open) return "";
    const at = { item_id: open.itemId, output_index: open.outputIndex };
    if (delta.type === "text_delta") {
      const text = str(delta.text) ?? "";
      return text ? this.textDelta(open, text) : "";
    }
    if (delta.type === "input_json_delta") {
      const args = str(delta.partial_json) ?? "";
      open.text += args;
      this.streamed.pushDecoded(args);
      // A custom tool's input is a string inside Claude's JSON; it goes out whole once complete.
      return args && !open.custom ? this.emit("response.function_call_arguments.delta", { ...at, delta: args }) : "";
    }
    if (delta.type === "thinking_delta") {
      const text = str(delta.thinking) ?? "";
      open.text += text;
      this.streamed.pushDecoded(text);
      return text ? this.emit("response.reasoning_summary_text.delta", { ...at, summary_index: 0, delta: text }) : "";
    }
    if (delta.type === "signature_delta") open.signature = (open.signature ?? "") + (str(delta.signature) ?? "");
    return "";
  }

  private blockStop(payload: JsonObject): string {
    const open = typeof payload.index === "number" ? this.open.get(payload.index) : undefined;
    if (!open) return "";
    this.open.delete(payload.index as number);
    const at = { item_id: open.itemId, output_index: open.outputIndex };
    let out = "";
    let item: ResponseOutputItem;
    if (open.block.type === "text") {
      out += this.emit("response.output_text.done", { ...at, content_index: 0, text: open.text, logprobs: [] });
      out += this.emit("response.content_part.done", { ...at, content_index: 0, part: outputText(open.text) });
      item = messageItem(open.itemId, open.text, "completed");
    } else if (open.custom) {
      const input = customInput(tryParseJson(open.text || "{}"));
      out += this.emit("response.custom_tool_call_input.delta", { ...at, delta: input });
      out += this.emit("response.custom_tool_call_input.done", { ...at, input });
      item = customToolCallItem(open.block, input, this.namespaced);
    } else if (open.block.type === "tool_use") {
      const args = open.text || "{}";
      item = functionCallItem(open.block, args, "completed", this.namespaced);
      out += this.emit("response.function_call_arguments.done", { ...at, name: item.name, arguments: args });
    } else {
      if (open.block.type === "thinking") {
        const part = { type: "summary_text", text: open.text };
        out += this.emit("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: open.text });
        out += this.emit("response.reasoning_summary_part.done", { ...at, summary_index: 0, part });
      }
      item = reasoningItem(open.itemId, open.text, open.signature, true);
    }
    this.output[open.outputIndex] = item;
    return out + this.emit("response.output_item.done", { output_index: open.outputIndex, item });
  }

  private finish(): string {
    this.ended = true;
    if (!this.response) return "";
    const outcome = outcomeFor(this.stopReason);
    const usage = this.tracker.get();
    const response: WireResponse = { ...this.response, ...outcome, output: this.output };
    if (usage) response.usage = toResponseUsage(usage);
    return this.emit(outcome.status === "incomplete" ? "response.incomplete" : "response.completed", { response });
  }

  private fail(err: unknown): string {
    this.ended = true;
    // A failure before message_start still opens the response, so the stream keeps its contract.
    const opening = this.response ? "" : this.start({ id: "msg_failed" });
    const response: WireResponse = { ...this.response!, status: "failed", error: toResponseError(err), output: this.output };
    return opening + this.emit("response.failed", { response });
  }
}
