// OpenAI function (and Responses custom) tools, tool_choice and parallel_tool_calls → Anthropic, for chat.completions
// (`{type:"function", function:{name}}`) and Responses (`{type:"function", name}`) alike.
import type { Tool, ToolChoice, WebSearchTool20250305 } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";
import { isRecord, str } from "../json";

/** One function definition (`name`, `description`, `parameters`) as an Anthropic tool. */
export function functionTool(fn: Record<string, unknown>, param: string): Tool {
  const name = str(fn.name);
  if (!name) throw new ProviderRequestError("A function tool needs a name", param);
  const tool: Tool = {
    name,
    input_schema: isRecord(fn.parameters) ? ({ type: "object", ...fn.parameters } as Tool.InputSchema) : { type: "object", properties: {} },
  };
  const description = str(fn.description);
  if (description) tool.description = description;
  return tool;
}

/**
 * A Responses `custom` (freeform) tool as an Anthropic tool taking one string, `input`; its
 * grammar, when it has one, goes in the description so Claude writes input that parses.
 */
export function customTool(t: Record<string, unknown>, param: string): Tool {
  const name = str(t.name);
  if (!name) throw new ProviderRequestError("A custom tool needs a name", param);
  const format = isRecord(t.format) && t.format.type === "grammar" ? t.format : null;
  const grammar = format ? `Input format (${str(format.syntax) ?? "grammar"}):\n${str(format.definition) ?? ""}` : null;
  const description = [str(t.description), grammar].filter(Boolean).join("\n\n");
  return {
    name,
    ...(description ? { description } : {}),
    input_schema: { type: "object", properties: { input: { type: "string", description: "The tool's raw input." } }, required: ["input"] },
  };
}

/**
 * Claude has no tool namespaces: a Responses `namespace` tool's members become tools named
 * `<namespace>__<tool>`, and calls of those names go back as calls with `namespace` set.
 */
export const flatToolName = (namespace: string | undefined, name: string) => (namespace ? `${namespace}__${name}` : name);

/** The request's tools, namespace members flattened, each with the namespace it came from. */
function requestTools(body: Record<string, unknown>): { tool: Record<string, unknown>; namespace?: string }[] {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return tools.flatMap((t) => {
    if (!isRecord(t)) return [];
    if (t.type !== "namespace") return [{ tool: t }];
    const namespace = str(t.name);
    return (Array.isArray(t.tools) ? t.tools : []).flatMap((m) => (isRecord(m) && namespace ? [{ tool: m, namespace }] : []));
  });
}

/** Flat names of the request's custom tools, whose calls go back as `custom_tool_call` items. */
export function customToolNames(body: Record<string, unknown>): Set<string> {
  return new Set(
    requestTools(body).flatMap(({ tool, namespace }) => (tool.type === "custom" && typeof tool.name === "string" ? [flatToolName(namespace, tool.name)] : [])),
  );
}

export type NamespacedName = { namespace: string; name: string };

/** Flat name → namespace and own name, for the request's namespaced tools. */
export function namespacedToolNames(body: Record<string, unknown>): ReadonlyMap<string, NamespacedName> {
  const out = new Map<string, NamespacedName>();
  for (const { tool, namespace } of requestTools(body)) {
    const name = str(tool.name);
    if (namespace && name) out.set(flatToolName(namespace, name), { namespace, name });
  }
  return out;
}

/** A namespace tool's members as Anthropic tools with flat names. */
export function namespaceTools(t: Record<string, unknown>, param: string): Tool[] {
  const namespace = str(t.name);
  if (!namespace) throw new ProviderRequestError("A namespace tool needs a name", param);
  const members = Array.isArray(t.tools) ? t.tools : [];
  return members.map((m, i) => {
    const at = `${param}.tools[${i}]`;
    if (!isRecord(m) || (m.type !== "function" && m.type !== "custom")) throw new ProviderRequestError("A namespace holds function and custom tools only", at);
    const flat = { ...m, name: flatToolName(namespace, str(m.name) ?? "") };
    return m.type === "function" ? functionTool(flat, at) : customTool(flat, at);
  });
}

/** A custom tool's string input out of the tool_use input Claude wrote for it. */
export function customInput(input: unknown): string {
  return isRecord(input) && typeof input.input === "string" ? input.input : JSON.stringify(input ?? {});
}

function namedTool(choice: unknown): string | null {
  if (!isRecord(choice) || choice.type !== "function") return null;
  const name = isRecord(choice.function) ? str(choice.function.name) : str(choice.name);
  if (!name) throw new ProviderRequestError("tool_choice names no function", "tool_choice");
  return name;
}

export function toAnthropicToolChoice(choice: unknown, parallel: unknown): ToolChoice | undefined {
  const single = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any", ...single };
  const name = namedTool(choice);
  if (name) return { type: "tool", name, ...single };
  if (choice === "auto" || parallel === false) return { type: "auto", ...single };
  if (choice === undefined || choice === null) return undefined;
  throw new ProviderRequestError("Unsupported tool_choice for this model", "tool_choice");
}

/**
 * OpenAI's hosted web search as Claude's server-side web search (run and billed by Anthropic per
 * search; Latch records the count). Domain filters and the approximate location carry over.
 */
export function webSearchTool(t: Record<string, unknown>): WebSearchTool20250305 {
  const filters = isRecord(t.filters) ? t.filters : {};
  const domains = Array.isArray(filters.allowed_domains) ? filters.allowed_domains.filter((d): d is string => typeof d === "string") : [];
  const location = isRecord(t.user_location) && t.user_location.type === "approximate" ? t.user_location : null;
  return {
    type: "web_search_20250305",
    name: "web_search",
    ...(domains.length ? { allowed_domains: domains } : {}),
    ...(location
      ? {
          user_location: {
            type: "approximate",
            ...Object.fromEntries(["city", "region", "country", "timezone"].flatMap((k) => (typeof location[k] === "string" ? [[k, location[k]]] : []))),
          },
        }
      : {}),
  };
}
