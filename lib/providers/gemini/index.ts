import { createOpenAICompatibleAdapter } from "../openai-compatible";

/** Google Gemini through its OpenAI-compatible endpoint. */
export const geminiAdapter = createOpenAICompatibleAdapter({
  id: "gemini",
  displayName: "Google Gemini",
  defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
  endpoints: ["chat.completions", "embeddings"],
});
