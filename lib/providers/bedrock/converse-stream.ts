// Bedrock ConverseStream events → Anthropic Messages stream events, fed to the Anthropic
// adapter's own transformers: passed through for /v1/messages, translated for chat.completions.
import { isRecord, str, tryParseJson, type JsonObject } from "../json";
import type { SseEvent, StreamTransformer, Usage } from "../types";
import { newMessageId, toAnthropicStopReason, toAnthropicUsage } from "./converse-response";

type BlockKind = "text" | "tool_use" | "thinking" | "redacted_thinking";
type AnthropicEvent = [type: string, payload: JsonObject];

// Bedrock stream exceptions → Anthropic error types (which both downstream transformers know).
const EXCEPTION_TYPES: Record<string, string> = {
  throttlingException: "rate_limit_error",
  validationException: "invalid_request_error",
  serviceUnavailableException: "overloaded_error",
  modelTimeoutException: "timeout_error",
};

export class ConverseStreamTransformer implements StreamTransformer {
  private started = false;
  private readonly open = new Map<number, BlockKind>();
  private stopReason: string | null = null;
  private finished = false;
  private failed = false;
  private usageSeen = false;

  constructor(
    private readonly inner: StreamTransformer,
    private readonly model: string,
  ) {}

  push(ev: SseEvent): string {
    if (this.failed) return "";
    const payload = tryParseJson(ev.data);
    const p = isRecord(payload) ? payload : {};
    const out: AnthropicEvent[] = [];
    const name = ev.event ?? "";
    if (name === "error" || name.endsWith("Exception")) {
      this.failed = true;
      const message = str(p.message) ?? "Upstream provider stream failed";
      out.push(["error", { error: { type: EXCEPTION_TYPES[name] ?? "api_error", message } }]);
    } else {
      this.translate(name, p, out);
    }
    return this.emit(out);
  }

  flush(): string {
    // A stream cut after messageStop still finishes cleanly; one cut earlier stays unfinished.
    const out: AnthropicEvent[] = [];
    if (!this.finished && !this.failed && this.stopReason !== null) this.finish(out, null);
    return this.emit(out) + this.inner.flush();
  }

  usage(): Usage | null {
    // Until Bedrock's metadata event reports usage, let the core estimate instead of trusting zeros.
    return this.usageSeen ? this.inner.usage() : null;
  }

  usageFinal(): boolean {
    return this.usageSeen && this.inner.usageFinal();
  }

  countStreamedOutput(): Promise<number> {
    return this.inner.countStreamedOutput();
  }

  private emit(events: AnthropicEvent[]): string {
    return events
      .map(([type, payload]) => {
        const data = JSON.stringify({ type, ...payload });
        return this.inner.push({ event: type, data, raw: `event: ${type}\ndata: ${data}\n\n` });
      })
      .join("");
  }

  private translate(name: string, p: JsonObject, out: AnthropicEvent[]): void {
    if (this.finished) return;
    this.ensureStarted(out);
    const index = typeof p.contentBlockIndex === "number" ? p.contentBlockIndex : 0;
    if (name === "contentBlockStart") {
      const toolUse = isRecord(p.start) && isRecord(p.start.toolUse) ? p.start.toolUse : null;
      if (toolUse) this.openBlock(out, index, "tool_use", { id: str(toolUse.toolUseId) ?? "", name: str(toolUse.name) ?? "", input: {} });
    } else if (name === "contentBlockDelta") {
      this.delta(out, index, isRecord(p.delta) ? p.delta : {});
    } else if (name === "contentBlockStop") {
      this.closeBlock(out, index);
    } else if (name === "messageStop") {
      for (const i of [...this.open.keys()]) this.closeBlock(out, i);
      this.stopReason = toAnthropicStopReason(p.stopReason);
    } else if (name === "metadata") {
      this.finish(out, toAnthropicUsage(p.usage));
    }
  }

  private ensureStarted(out: AnthropicEvent[]): void {
    if (this.started) return;
    this.started = true;
    // Input tokens are only known at the end (metadata); message_delta restates them then.
    const message = {
      id: newMessageId(),
      type: "message",
      role: "assistant",
      model: this.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    };
    out.push(["message_start", { message }]);
  }

  private delta(out: AnthropicEvent[], index: number, d: JsonObject): void {
    const reasoning = isRecord(d.reasoningContent) ? d.reasoningContent : null;
    if (typeof d.text === "string") {
      this.openBlock(out, index, "text", { text: "" });
      out.push(["content_block_delta", { index, delta: { type: "text_delta", text: d.text } }]);
    } else if (isRecord(d.toolUse)) {
      out.push(["content_block_delta", { index, delta: { type: "input_json_delta", partial_json: str(d.toolUse.input) ?? "" } }]);
    } else if (reasoning && typeof reasoning.redactedContent === "string") {
      this.openBlock(out, index, "redacted_thinking", { data: reasoning.redactedContent });
    } else if (reasoning) {
      this.openBlock(out, index, "thinking", { thinking: "", signature: "" });
      const delta =
        typeof reasoning.signature === "string"
          ? { type: "signature_delta", signature: reasoning.signature }
          : { type: "thinking_delta", thinking: str(reasoning.text) ?? "" };
      out.push(["content_block_delta", { index, delta }]);
    }
  }

  /** Converse starts text and reasoning blocks implicitly with their first delta; Anthropic says so first. */
  private openBlock(out: AnthropicEvent[], index: number, kind: BlockKind, fields: JsonObject): void {
    if (this.open.has(index)) return;
    this.open.set(index, kind);
    out.push(["content_block_start", { index, content_block: { type: kind, ...fields } }]);
  }

  private closeBlock(out: AnthropicEvent[], index: number): void {
    if (this.open.delete(index)) out.push(["content_block_stop", { index }]);
  }

  private finish(out: AnthropicEvent[], usage: JsonObject | null): void {
    this.finished = true;
    if (usage) this.usageSeen = true;
    const delta = { stop_reason: this.stopReason ?? "end_turn", stop_sequence: null };
    out.push(["message_delta", { delta, usage: usage ?? { output_tokens: 0 } }]);
    out.push(["message_stop", {}]);
  }
}
