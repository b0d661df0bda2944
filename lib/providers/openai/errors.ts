import { cleanUpstreamMessage, errorTypeForStatus, genericProviderError } from "../errors";
import { isRecord, str, tryParseJson } from "../json";
import type { ProviderError } from "../types";

// Gemini puts the HTTP status in `code` and its own code name in `status`.
function codeOf(err: Record<string, unknown>): string | null {
  if (typeof err.code === "string") return err.code;
  if (typeof err.status === "string") return err.status;
  return typeof err.code === "number" ? String(err.code) : null;
}

/**
 * Finds the error object in the shapes OpenAI-compatible servers use: `{error:{...}}` (OpenAI,
 * Azure, Groq), `[{error:{...}}]` (Gemini), `{error:"..."}` (Ollama), `{message,...}` (vLLM).
 */
function findErrorObject(json: unknown): Record<string, unknown> | null {
  const root = Array.isArray(json) ? json[0] : json;
  if (!isRecord(root)) return null;
  if (isRecord(root.error)) return root.error;
  if (typeof root.error === "string") return { message: root.error };
  if (typeof root.message === "string") return root;
  if (typeof root.detail === "string") return { message: root.detail };
  return null;
}

export function mapOpenAIError(status: number, bodyText: string): ProviderError {
  const err = findErrorObject(tryParseJson(bodyText));
  const message = err ? str(err.message) : null;
  if (!err || !message) return genericProviderError(status);
  return {
    status,
    message: cleanUpstreamMessage(message),
    type: str(err.type) ?? errorTypeForStatus(status),
    code: codeOf(err),
    param: str(err.param),
  };
}
