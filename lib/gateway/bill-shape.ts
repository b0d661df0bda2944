// What in a request multiplies its bill beyond "body size in, max_tokens out": several
// completions per request (`n`, `best_of`), images and files the body only points at, built-in
// tools billed per call, and history kept on the provider's side. The reservation prices each of
// them, or, where no bound can be known before the answer, budgeted keys refuse the request.
import type { Endpoint } from "@/lib/providers/types";

/**
 * Input tokens one image can cost, whatever its size: the dearest catalog case is gpt-4o-mini at
 * high detail, where a 2048×768 image is 8 tiles of 5,667 tokens plus 2,833 (48,169). It covers
 * every provider, so it applies to any model but Claude.
 */
export const IMAGE_WORST_INPUT_TOKENS = 48_200;

/**
 * Claude bills an image at width × height / 750 after resizing it to its largest accepted size:
 * about 1,600 tokens at 1.15 megapixels, about 4,800 for the high-resolution models' largest.
 */
export const CLAUDE_IMAGE_WORST_INPUT_TOKENS = 4_800;

/** Searches reserved (and sent as the bound) for a web search tool the request leaves unbounded. */
export const DEFAULT_WEB_SEARCH_CALLS = 10;

export type BillShape = {
  /** Completions generated per request (`n`, `best_of`): each is billed its own output tokens. */
  outputMultiplier: number;
  /** Input tokens the body's size does not show (images, inline or by URL). */
  extraInputTokens: number;
  /** Most built-in tool calls priced per call (web search) the request may make. */
  toolCalls: number;
  /** Set when the cost has no bound Latch can know before the answer: the parameter and why. */
  unbounded: { param: string; reason: string } | null;
};

const IMAGE_PARTS = new Set(["image_url", "input_image", "image"]);

const count = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A file part whose content is not in the body (an uploaded file id or a URL the provider fetches). */
function referencedFile(part: Record<string, unknown>): boolean {
  if (part.type === "file" && isObject(part.file)) return typeof part.file.file_id === "string" && part.file.file_data === undefined;
  if (part.type === "input_file") return part.file_data === undefined && (typeof part.file_id === "string" || typeof part.file_url === "string");
  if (part.type === "document" && isObject(part.source)) return part.source.type === "url" || part.source.type === "file";
  return false;
}

/** Walks the body without recursion (it may be nested arbitrarily deep), counting content parts. */
function contentParts(body: Record<string, unknown>) {
  let images = 0;
  let files = 0;
  const stack: unknown[] = [body.messages, body.input, body.system];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === "object" && x !== null) stack.push(x);
    } else if (isObject(v)) {
      if (typeof v.type === "string" && IMAGE_PARTS.has(v.type)) images++;
      else if (referencedFile(v)) files++;
      for (const x of Object.values(v)) if (typeof x === "object" && x !== null) stack.push(x);
    }
  }
  return { images, files };
}

const isWebSearch = (tool: unknown) => isObject(tool) && typeof tool.type === "string" && tool.type.startsWith("web_search");

/**
 * Hosted tools the provider bills per call or per container beyond tokens, at prices Latch does
 * not know: file search, code interpreter / code execution, image generation.
 */
const isUnpricedHostedTool = (tool: unknown) =>
  isObject(tool) &&
  typeof tool.type === "string" &&
  (["file_search", "code_interpreter", "image_generation"].includes(tool.type) || tool.type.startsWith("code_execution"));

function toolCallBound(endpoint: Endpoint, body: Record<string, unknown>): Pick<BillShape, "toolCalls" | "unbounded"> {
  if (endpoint === "chat.completions") return { toolCalls: body.web_search_options ? 1 : 0, unbounded: null };
  const unpriced = Array.isArray(body.tools) ? body.tools.find(isUnpricedHostedTool) : undefined;
  if (unpriced)
    return {
      toolCalls: 0,
      unbounded: { param: "tools", reason: `The hosted tool \`${(unpriced as { type: string }).type}\` is billed per call at a price Latch does not track.` },
    };
  const searches = Array.isArray(body.tools) ? body.tools.filter(isWebSearch) : [];
  if (searches.length === 0) return { toolCalls: 0, unbounded: null };
  if (endpoint === "messages") {
    // Anthropic bounds each web search tool by its own `max_uses`; an unbounded one is sent with the default.
    const uses = searches.map((t) => count((t as Record<string, unknown>).max_uses) ?? DEFAULT_WEB_SEARCH_CALLS);
    return { toolCalls: uses.reduce((a, u) => a + u, 0), unbounded: null };
  }
  // The Responses API bounds every built-in tool call of a response by `max_tool_calls`.
  return { toolCalls: count(body.max_tool_calls) ?? DEFAULT_WEB_SEARCH_CALLS, unbounded: null };
}

/**
 * The body the provider receives when a cap applies: a web search without a bound of its own is
 * sent with the one reserved (`max_uses` on each Anthropic search tool, `max_tool_calls` on a
 * response), so the provider cannot search more often than Latch paid for.
 */
export function withToolCallCeiling(endpoint: Endpoint, body: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(body.tools) || !body.tools.some(isWebSearch)) return body;
  if (endpoint === "messages")
    return {
      ...body,
      tools: body.tools.map((t) =>
        isWebSearch(t) && count((t as Record<string, unknown>).max_uses) === null ? { ...t, max_uses: DEFAULT_WEB_SEARCH_CALLS } : t,
      ),
    };
  if (endpoint === "responses" && count(body.max_tool_calls) === null) return { ...body, max_tool_calls: DEFAULT_WEB_SEARCH_CALLS };
  return body;
}

/** `model`: the upstream model the request is routed to (images cost what its provider bills for them). */
export function billShape(endpoint: Endpoint, body: Record<string, unknown>, model: string): BillShape {
  const n = count(body.n) ?? 1;
  const outputMultiplier = endpoint === "completions" ? Math.max(n, count(body.best_of) ?? 1) : endpoint === "chat.completions" ? n : 1;
  const { images, files } = contentParts(body);
  const tools = toolCallBound(endpoint, body);
  let unbounded = tools.unbounded;
  if (files > 0)
    unbounded = { param: endpoint === "responses" ? "input" : "messages", reason: "A file the provider reads by id or URL has a size Latch cannot see." };
  for (const param of ["previous_response_id", "conversation"])
    if (body[param] !== undefined && body[param] !== null)
      unbounded = { param, reason: `\`${param}\` bills history stored with the provider, whose size Latch cannot see.` };
  const perImage = /claude/i.test(model) ? CLAUDE_IMAGE_WORST_INPUT_TOKENS : IMAGE_WORST_INPUT_TOKENS;
  return { outputMultiplier, extraInputTokens: images * perImage, toolCalls: tools.toolCalls, unbounded };
}
