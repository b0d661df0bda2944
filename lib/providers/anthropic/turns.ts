// The Anthropic Messages request both OpenAI translations (chat.completions and Responses) build,
// and the turn-merging rule they share.
import type { ContentBlockParam, MessageCreateParamsBase, TextBlockParam } from "@anthropic-ai/sdk/resources/messages";

/** Anthropic requires max_tokens; OpenAI clients usually omit it. */
export const DEFAULT_MAX_TOKENS = 4096;

export type Turn = { role: "user" | "assistant"; content: string | ContentBlockParam[] };

export type AnthropicRequest = Omit<MessageCreateParamsBase, "messages"> & {
  messages: Turn[];
  temperature?: number;
  top_p?: number;
};

/** Anthropic wants strictly alternating turns, so consecutive same-role turns are merged. */
export function appendTurn(turns: Turn[], role: Turn["role"], blocks: ContentBlockParam[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (!last || last.role !== role) {
    turns.push({ role, content: blocks });
    return;
  }
  const prev = typeof last.content === "string" ? [{ type: "text", text: last.content } as TextBlockParam] : last.content;
  last.content = [...prev, ...blocks];
}
