// Reads and validates a proxy request body. Only the fields Latch acts on are checked; unknown
// fields pass through untouched so new provider parameters work on day one.
import type { ProxyRequest } from "@/lib/gateway/proxy-request";
import { z } from "zod";
import { env } from "@/lib/env";
import { InvalidRequestError, LatchError } from "@/lib/errors";
import type { Endpoint } from "@/lib/providers/types";
import { readLimitedText } from "@/lib/gateway/read-limited";
import { assertJsonDepth } from "@/lib/gateway/json-depth";

// Model names are short identifiers; a control character or a lone surrogate is never part of one.
const MODEL_MAX_LENGTH = 256;
const model = z
  .string({ error: "`model` is required and must be a string" })
  .min(1, "`model` must not be empty")
  .max(MODEL_MAX_LENGTH, `\`model\` must be at most ${MODEL_MAX_LENGTH} characters`)
  .refine((v) => v.isWellFormed() && !/[\u0000-\u001f\u007f]/.test(v), "`model` contains characters a model name cannot have");
const stream = z.boolean({ error: "`stream` must be a boolean" }).optional();
const positiveInt = z.number().int().positive().optional().nullable();

const schemas: Record<Endpoint, z.ZodType<Record<string, unknown>>> = {
  "chat.completions": z.looseObject({
    model,
    stream,
    messages: z.array(z.unknown(), { error: "`messages` must be an array" }).min(1, "`messages` must not be empty"),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional().nullable(),
    max_tokens: positiveInt,
    max_completion_tokens: positiveInt,
  }),
  responses: z.looseObject({ model, stream, input: z.unknown().refine((v) => v !== undefined, "`input` is required"), max_output_tokens: positiveInt }),
  embeddings: z.looseObject({ model, input: z.unknown().refine((v) => v !== undefined, "`input` is required") }),
  completions: z.looseObject({ model, stream, prompt: z.unknown().refine((v) => v !== undefined, "`prompt` is required"), max_tokens: positiveInt }),
  messages: z.looseObject({
    model,
    stream,
    messages: z.array(z.unknown(), { error: "`messages` must be an array" }).min(1, "`messages` must not be empty"),
    max_tokens: z.number({ error: "`max_tokens` is required and must be a number" }).int().positive(),
  }),
  "messages.count_tokens": z.looseObject({
    model,
    messages: z.array(z.unknown(), { error: "`messages` must be an array" }).min(1, "`messages` must not be empty"),
  }),
  // OpenAI lets both omit the model; Latch routes by model, so it is required here.
  "responses.input_tokens": z.looseObject({ model }),
  "responses.compact": z.looseObject({ model }),
  // A GET: its body is never read (the model comes from the response it names).
  "responses.retrieve": z.looseObject({}),
};

export type ProxyBody = {
  json: Record<string, unknown>;
  /** Size of the raw body, used to over-estimate input tokens before the provider counts them. */
  bytes: number;
  model: string;
  stream: boolean;
  clientWantsStreamUsage: boolean;
  /** Output ceiling the client asked for, if any. */
  maxOutputTokens: number | null;
};

export async function readProxyBody(request: ProxyRequest, endpoint: Endpoint): Promise<ProxyBody> {
  const text = await readLimitedText(request, env.LATCH_MAX_BODY_BYTES, tooLarge);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRequestError("The request body is not valid JSON.", null, "invalid_json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InvalidRequestError("The request body must be a JSON object.", null, "invalid_json");
  assertJsonDepth(parsed);
  const result = schemas[endpoint].safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue?.path.length ? issue.path.join(".") : null;
    throw new InvalidRequestError(issue?.message ?? "Invalid request body.", param);
  }
  const json = result.data;
  const options = json.stream_options as { include_usage?: boolean } | null | undefined;
  const max = json.max_completion_tokens ?? json.max_tokens ?? json.max_output_tokens;
  return {
    json,
    bytes: Buffer.byteLength(text),
    model: json.model as string,
    stream: json.stream === true,
    clientWantsStreamUsage: options?.include_usage === true,
    maxOutputTokens: typeof max === "number" ? max : null,
  };
}

function tooLarge() {
  return new LatchError({
    status: 413,
    type: "invalid_request_error",
    code: "request_too_large",
    message: `The request body exceeds the limit of ${env.LATCH_MAX_BODY_BYTES} bytes.`,
  });
}
