// Responses API `input` (a string or items) → Anthropic system text and alternating turns.
// Latch keeps no responses, so every item must carry its content: an `item_reference` (what
// clients send with `store: true`) cannot be resolved and is refused rather than dropped.
import type { ContentBlockParam, ToolResultBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";
import { isRecord, str, type JsonObject } from "../json";
import { imageBlock, pdfBlock } from "./media";
import { appendTurn, type Turn } from "./turns";
import { flatToolName } from "./tools";

/** Prefix marking a redacted thinking block carried in a reasoning item's `encrypted_content`. */
export const REDACTED_THINKING_PREFIX = "redacted_thinking:";

function partToBlock(part: unknown, param: string): ContentBlockParam | null {
  if (!isRecord(part)) throw new ProviderRequestError("Invalid content part", param);
  if (part.type === "input_text" || part.type === "output_text" || part.type === "refusal") {
    const text = str(part.text) ?? str(part.refusal) ?? "";
    return text ? { type: "text", text } : null;
  }
  if (part.type === "input_image") {
    const url = str(part.image_url);
    if (!url) throw new ProviderRequestError("input_image needs an image_url (file_id is not supported for this model)", param);
    return imageBlock(url, param);
  }
  const pdf = part.type === "input_file" ? pdfBlock(str(part.file_data)) : null;
  if (pdf) return pdf;
  throw new ProviderRequestError(`Content part type "${String(part.type)}" is not supported for this model`, param);
}

function contentBlocks(content: unknown, param: string): ContentBlockParam[] {
  if (typeof content === "string") return content ? [{ type: "text", text: content }] : [];
  if (!Array.isArray(content)) throw new ProviderRequestError("Invalid message content", param);
  return content.flatMap((p, i) => partToBlock(p, `${param}[${i}]`) ?? []);
}

function textOf(content: unknown, param: string): string {
  return contentBlocks(content, param)
    .map((b) => (b.type === "text" ? b.text : ""))
    .join("");
}

function toolUse(item: JsonObject, param: string): ContentBlockParam {
  const id = str(item.call_id);
  const name = str(item.name) && flatToolName(str(item.namespace) ?? undefined, str(item.name)!);
  if (!id || !name) throw new ProviderRequestError("function_call needs call_id and name", param);
  let input: unknown;
  try {
    input = JSON.parse(str(item.arguments)?.trim() || "{}");
  } catch {
    throw new ProviderRequestError("function_call arguments must be valid JSON", `${param}.arguments`);
  }
  return { type: "tool_use", id, name, input: isRecord(input) ? input : {} };
}

function customToolUse(item: JsonObject, param: string): ContentBlockParam {
  const id = str(item.call_id);
  const name = str(item.name) && flatToolName(str(item.namespace) ?? undefined, str(item.name)!);
  if (!id || !name) throw new ProviderRequestError("custom_tool_call needs call_id and name", param);
  return { type: "tool_use", id, name, input: { input: str(item.input) ?? "" } };
}

function toolResult(item: JsonObject, param: string): ToolResultBlockParam {
  const id = str(item.call_id);
  if (!id) throw new ProviderRequestError(`${String(item.type)} needs call_id`, `${param}.call_id`);
  const output = typeof item.output === "string" ? item.output : contentBlocks(item.output, `${param}.output`);
  return { type: "tool_result", tool_use_id: id, content: output as ToolResultBlockParam["content"] };
}

/**
 * A reasoning item Latch produced carries Claude's signature (or a redacted block) in
 * `encrypted_content`; without it Claude cannot verify the thinking, so the item is skipped.
 */
function thinking(item: JsonObject): ContentBlockParam | null {
  const sealed = str(item.encrypted_content);
  if (!sealed) return null;
  if (sealed.startsWith(REDACTED_THINKING_PREFIX)) {
    return { type: "redacted_thinking", data: sealed.slice(REDACTED_THINKING_PREFIX.length) };
  }
  const texts = (Array.isArray(item.content) && item.content.length > 0 ? item.content : item.summary) ?? [];
  const text = Array.isArray(texts) ? texts.map((t) => (isRecord(t) ? (str(t.text) ?? "") : "")).join("\n\n") : "";
  return { type: "thinking", thinking: text, signature: sealed };
}

function addMessage(item: JsonObject, param: string, system: string[], turns: Turn[]): void {
  const role = item.role;
  if (role === "system" || role === "developer") {
    const text = textOf(item.content, `${param}.content`);
    if (text) system.push(text);
  } else if (role === "user" || role === "assistant") {
    appendTurn(turns, role, contentBlocks(item.content, `${param}.content`));
  } else {
    throw new ProviderRequestError(`Message role "${String(role)}" is not supported for this model`, `${param}.role`);
  }
}

export function translateInput(input: unknown): { system: string[]; turns: Turn[] } {
  const system: string[] = [];
  const turns: Turn[] = [];
  if (typeof input === "string") {
    if (input) turns.push({ role: "user", content: input });
    return { system, turns };
  }
  if (!Array.isArray(input)) throw new ProviderRequestError("input must be a string or an array of items", "input");
  input.forEach((item, i) => {
    const param = `input[${i}]`;
    if (!isRecord(item)) throw new ProviderRequestError("Invalid input item", param);
    const type = item.type ?? "message";
    if (type === "message") addMessage(item, param, system, turns);
    else if (type === "function_call") appendTurn(turns, "assistant", [toolUse(item, param)]);
    else if (type === "custom_tool_call") appendTurn(turns, "assistant", [customToolUse(item, param)]);
    else if (type === "function_call_output" || type === "custom_tool_call_output") appendTurn(turns, "user", [toolResult(item, param)]);
    else if (type === "reasoning") {
      const block = thinking(item);
      if (block) appendTurn(turns, "assistant", [block]);
    } else if (type === "item_reference") {
      throw new ProviderRequestError(
        "item_reference is not supported for this model: Latch does not store responses. Send the items themselves (with store: false).",
        param,
      );
    } else {
      throw new ProviderRequestError(`Input item type "${String(type)}" is not supported for this model`, `${param}.type`);
    }
  });
  return { system, turns };
}
