// Anthropic Messages request → Bedrock Converse request. /v1/chat/completions gets here through
// the Anthropic adapter's OpenAI→Messages translation, so there is one mapping to Converse.
import { ProviderRequestError } from "../errors";
import { isRecord, str, type JsonObject } from "../json";

type CachePoint = { cachePoint: { type: "default"; ttl?: "5m" | "1h" } };
type ImageFormat = "png" | "jpeg" | "gif" | "webp";
type ImageBlock = { image: { format: ImageFormat; source: { bytes: string } } };
type ToolResultContent = { text: string } | ImageBlock | { json: unknown };
export type ConverseBlock =
  | { text: string }
  | ImageBlock
  | { document: { format: "pdf"; name: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: ToolResultContent[]; status?: "error" } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } | { redactedContent: string } }
  | CachePoint;
type ToolSpec = { toolSpec: { name: string; description?: string; inputSchema: { json: unknown } } };
type ToolChoice = { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };

export type ConverseRequest = {
  messages: { role: "user" | "assistant"; content: ConverseBlock[] }[];
  system?: ({ text: string } | CachePoint)[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: (ToolSpec | CachePoint)[]; toolChoice?: ToolChoice };
  additionalModelRequestFields?: JsonObject;
  outputConfig?: { textFormat: { type: "json_schema"; structure: { jsonSchema: { schema: string } } } };
};

const IMAGE_FORMATS: Record<string, ImageFormat> = { "image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp" };

/**
 * Anthropic's `cache_control` marks the end of a cacheable prefix; Converse says it with a
 * cachePoint block after it, whose ttl takes the same two values.
 */
function withCachePoint<T>(block: JsonObject, out: T): (T | CachePoint)[] {
  if (!isRecord(block.cache_control)) return [out];
  const ttl = block.cache_control.ttl;
  return [out, { cachePoint: ttl === "5m" || ttl === "1h" ? { type: "default", ttl } : { type: "default" } }];
}

function base64Source(block: JsonObject, param: string): { mediaType: string; data: string } {
  const source = isRecord(block.source) ? block.source : {};
  const data = str(source.data);
  // Converse takes bytes only (or S3 locations); fetching URLs on the client's behalf is not our job.
  if (source.type !== "base64" || !data) throw new ProviderRequestError("Bedrock accepts only base64 image and document sources", param);
  return { mediaType: str(source.media_type) ?? "", data };
}

function imageBlock(block: JsonObject, param: string): ImageBlock {
  const { mediaType, data } = base64Source(block, param);
  const format = IMAGE_FORMATS[mediaType];
  if (!format) throw new ProviderRequestError(`Unsupported image type ${mediaType}`, param);
  return { image: { format, source: { bytes: data } } };
}

function toolResultContent(content: unknown, param: string): ToolResultContent[] {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.filter(isRecord).flatMap((b, i): ToolResultContent[] => {
    if (b.type === "text") return str(b.text) ? [{ text: str(b.text)! }] : [];
    if (b.type === "image") return [imageBlock(b, `${param}[${i}]`)];
    throw new ProviderRequestError(`Tool result block type "${String(b.type)}" is not supported on Bedrock`, `${param}[${i}]`);
  });
}

function contentBlocks(content: unknown, param: string, docs: { n: number }): ConverseBlock[] {
  if (typeof content === "string") return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) throw new ProviderRequestError("Invalid message content", param);
  return content.flatMap((raw, i): ConverseBlock[] => {
    const p = `${param}[${i}]`;
    if (!isRecord(raw)) throw new ProviderRequestError("Invalid content block", p);
    const b = raw;
    switch (b.type) {
      case "text": // Converse rejects blank text blocks.
        return str(b.text) ? withCachePoint(b, { text: str(b.text)! }) : [];
      case "image":
        return withCachePoint(b, imageBlock(b, p));
      case "document": {
        const { mediaType, data } = base64Source(b, p);
        if (mediaType !== "application/pdf") throw new ProviderRequestError("Only PDF documents are supported on Bedrock", p);
        // Converse requires a name per document, restricted to a small character set.
        const name = (str(b.title) ?? "").replace(/[^A-Za-z0-9 ()[\]-]/g, " ").trim() || `document ${++docs.n}`;
        return withCachePoint(b, { document: { format: "pdf", name, source: { bytes: data } } });
      }
      case "tool_use":
        return [{ toolUse: { toolUseId: str(b.id) ?? "", name: str(b.name) ?? "", input: b.input ?? {} } }];
      case "tool_result": {
        const result = { toolUseId: str(b.tool_use_id) ?? "", content: toolResultContent(b.content, `${p}.content`) };
        return withCachePoint(b, { toolResult: b.is_error === true ? { ...result, status: "error" as const } : result });
      }
      case "thinking": {
        const signature = str(b.signature);
        return [{ reasoningContent: { reasoningText: { text: str(b.thinking) ?? "", ...(signature ? { signature } : {}) } } }];
      }
      case "redacted_thinking":
        return [{ reasoningContent: { redactedContent: str(b.data) ?? "" } }];
      default:
        throw new ProviderRequestError(`Content block type "${String(b.type)}" is not supported on Bedrock`, p);
    }
  });
}

function systemBlocks(system: unknown): ConverseRequest["system"] {
  if (typeof system === "string") return system ? [{ text: system }] : undefined;
  if (!Array.isArray(system)) return undefined;
  const blocks = system.filter(isRecord).flatMap((b) => (str(b.text) ? withCachePoint(b, { text: str(b.text)! }) : []));
  return blocks.length > 0 ? blocks : undefined;
}

function toolConfig(body: JsonObject, usesTools: boolean): ConverseRequest["toolConfig"] {
  if (!Array.isArray(body.tools) || body.tools.length === 0) return undefined;
  const choice = isRecord(body.tool_choice) ? body.tool_choice : {};
  // Converse has no "none"; dropping the tools says it, unless the history has tool blocks,
  // which Bedrock only accepts alongside a toolConfig.
  if (choice.type === "none" && !usesTools) return undefined;
  const tools = body.tools.flatMap((t, i): (ToolSpec | CachePoint)[] => {
    const name = isRecord(t) ? str(t.name) : null;
    if (!isRecord(t) || !name || (t.type !== undefined && t.type !== "custom")) {
      throw new ProviderRequestError("Only custom (client) tools are supported on Bedrock", `tools[${i}]`);
    }
    const description = str(t.description);
    const spec: ToolSpec = { toolSpec: { name, ...(description ? { description } : {}), inputSchema: { json: t.input_schema ?? { type: "object" } } } };
    return withCachePoint(t, spec);
  });
  const name = str(choice.name);
  const toolChoice: ToolChoice | undefined =
    choice.type === "any" ? { any: {} } : choice.type === "tool" && name ? { tool: { name } } : choice.type === "auto" ? { auto: {} } : undefined;
  return toolChoice ? { tools, toolChoice } : { tools };
}

export function toConverseRequest(body: unknown): ConverseRequest {
  if (!isRecord(body) || !Array.isArray(body.messages)) throw new ProviderRequestError("messages must be an array", "messages");
  const docs = { n: 0 };
  // Converse has no system turns inside the conversation (Claude Code sends them): their text
  // joins the system prompt, in order, and the turns around them stay as they were.
  const systemTurns: unknown[] = [];
  const messages = body.messages.flatMap((m, i): ConverseRequest["messages"] => {
    const role = isRecord(m) ? m.role : null;
    if (isRecord(m) && role === "system") {
      systemTurns.push(...(typeof m.content === "string" ? [{ type: "text", text: m.content }] : Array.isArray(m.content) ? m.content : []));
      return [];
    }
    if (!isRecord(m) || (role !== "user" && role !== "assistant")) throw new ProviderRequestError("Invalid message", `messages[${i}]`);
    return [{ role, content: contentBlocks(m.content, `messages[${i}].content`, docs) }];
  });
  const out: ConverseRequest = { messages };
  const topSystem = typeof body.system === "string" ? [{ type: "text", text: body.system }] : Array.isArray(body.system) ? body.system : [];
  const system = systemBlocks([...topSystem, ...systemTurns]);
  if (system) out.system = system;
  const inference: NonNullable<ConverseRequest["inferenceConfig"]> = {};
  if (typeof body.max_tokens === "number") inference.maxTokens = body.max_tokens;
  if (typeof body.temperature === "number") inference.temperature = body.temperature;
  if (typeof body.top_p === "number") inference.topP = body.top_p;
  if (Array.isArray(body.stop_sequences)) inference.stopSequences = body.stop_sequences.filter((s) => typeof s === "string");
  if (Object.keys(inference).length > 0) out.inferenceConfig = inference;
  const usesTools = messages.some((m) => m.content.some((b) => "toolUse" in b || "toolResult" in b));
  const tools = toolConfig(body, usesTools);
  if (tools) out.toolConfig = tools;
  // Claude structured output: Converse carries the schema as a JSON string.
  const format = isRecord(body.output_config) ? body.output_config.format : undefined;
  if (isRecord(format) && format.type === "json_schema" && isRecord(format.schema)) {
    out.outputConfig = { textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(format.schema) } } } };
  }
  // Model-specific knobs Converse does not model go through to the model untouched.
  const extra: JsonObject = {};
  if (typeof body.top_k === "number") extra.top_k = body.top_k;
  if (isRecord(body.thinking)) extra.thinking = body.thinking;
  if (isRecord(body.context_management)) extra.context_management = body.context_management;
  if (Object.keys(extra).length > 0) out.additionalModelRequestFields = extra;
  return out;
}
