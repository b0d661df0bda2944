import type { Endpoint, ParsedResponse } from "../types";
import { readOpenAIAnswerUsage } from "./usage";

/** OpenAI-format JSON goes to the client untouched; only usage is read out of it. */
export function parseOpenAIResponse(_endpoint: Endpoint, json: unknown): ParsedResponse {
  return { body: json, usage: readOpenAIAnswerUsage(json) };
}
