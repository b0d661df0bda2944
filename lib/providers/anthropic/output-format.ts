// OpenAI structured output (chat `response_format`, Responses `text.format`) → Claude structured
// outputs (`output_config.format`, generally available: no beta header). Claude has no schema-less
// JSON mode, so `json_object` becomes a system instruction, the fallback Anthropic documents.
import type { JSONOutputFormat } from "@anthropic-ai/sdk/resources/messages";
import { transformJSONSchema } from "@anthropic-ai/sdk/lib/transform-json-schema";
import { ProviderRequestError } from "../errors";
import { isRecord, type JsonObject } from "../json";

export const JSON_OBJECT_INSTRUCTION = "Respond with a single valid JSON object and nothing else: no prose before or after it, no Markdown code fences.";

export type OutputFormat = { format?: JSONOutputFormat; instruction?: string };

/**
 * Claude accepts a subset of JSON Schema; the SDK's own transform (what `zodOutputFormat` uses)
 * moves unsupported constraints into descriptions. A schema it cannot read goes as is, so
 * Anthropic's own validation message reaches the client.
 */
function claudeSchema(schema: JsonObject): JsonObject {
  try {
    return transformJSONSchema(schema);
  } catch {
    return schema;
  }
}

/** `schemaHolder` is where the schema sits: `json_schema` for chat, the format itself for Responses. */
export function toOutputFormat(format: unknown, schemaHolder: (f: JsonObject) => unknown, param: string): OutputFormat {
  if (format === undefined || format === null) return {};
  if (!isRecord(format)) throw new ProviderRequestError("Invalid output format", param);
  if (format.type === "text") return {};
  if (format.type === "json_object") return { instruction: JSON_OBJECT_INSTRUCTION };
  if (format.type === "json_schema") {
    const holder = schemaHolder(format);
    const schema = isRecord(holder) ? holder.schema : undefined;
    if (!isRecord(schema)) throw new ProviderRequestError("json_schema needs a schema", param);
    return { format: { type: "json_schema", schema: claudeSchema(schema) } };
  }
  throw new ProviderRequestError(`Output format "${String(format.type)}" is not supported by this model`, param);
}
