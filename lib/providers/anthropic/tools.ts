// OpenAI function tools, tool_choice and parallel_tool_calls → Anthropic, for chat.completions
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
