// OpenAI function (and Responses custom) tools, tool_choice and parallel_tool_calls → Anthropic, for chat.completions
// (`{type:"function", function:{name}}`) and Responses (`{type:"function", name}`) alike.
import type { Tool, ToolChoice } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";
import { isRecord, str } from "../json";

/** One function definition (`name`, `description`, `parameters`) as an Anthropic tool. */
export function functionTool(fn: Record<string, unknown>, param: string): Tool {
  const name = str(fn.name);
  if (!name) throw new ProviderRequestError("A function tool needs a name", param);
  const tool: Tool = {
    name,
    input_schema: isRecord(fn.parameters)
      ? ({ type: "object", ...fn.parameters } as Tool.InputSchema)
      : { type: "object", properties: {} },
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

/** Names of the request's custom tools, whose calls go back as `custom_tool_call` items. */
export function customToolNames(body: Record<string, unknown>): Set<string> {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  return new Set(tools.flatMap((t) => (isRecord(t) && t.type === "custom" && typeof t.name === "string" ? [t.name] : [])));
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
