// Anthropic Messages response → OpenAI Response object.
import { isRecord, str } from "../json";
import type { BuildRequestInput, ParsedResponse } from "../types";
import { itemId, outcomeFor, outputItem, responseEnvelope, toResponseUsage, type WireResponse } from "./responses-object";
import { customToolNames, namespacedToolNames } from "./tools";
import { readAnthropicUsage } from "./usage";

export function toResponse(json: unknown, input: BuildRequestInput): ParsedResponse & { body: WireResponse } {
  const msg = isRecord(json) ? json : {};
  const messageId = str(msg.id) ?? "";
  const blocks = Array.isArray(msg.content) ? msg.content.filter(isRecord) : [];
  const usage = readAnthropicUsage(msg.usage);
  const custom = customToolNames(input.body);
  const namespaced = namespacedToolNames(input.body);
  const body: WireResponse = {
    ...responseEnvelope(input, `resp_${messageId.replace(/^msg_/, "")}`, str(msg.model) ?? input.upstreamModel),
    ...outcomeFor(msg.stop_reason),
    output: blocks.flatMap((block, i) => outputItem(block, itemId(messageId, block, i), custom, namespaced) ?? []),
  };
  if (usage) body.usage = toResponseUsage(usage);
  return { body, usage };
}
