import { createOpenAICompatibleAdapter } from "../openai-compatible";

/** OpenAI itself, and any OpenAI-compatible server (vLLM, Ollama, Groq, Mistral, ...) via baseUrl. */
export const openaiAdapter = createOpenAICompatibleAdapter({
  id: "openai",
  displayName: "OpenAI / OpenAI-compatible",
  defaultBaseUrl: "https://api.openai.com/v1",
  endpoints: ["chat.completions", "responses", "embeddings", "completions", "responses.retrieve", "responses.input_tokens", "responses.compact"],
});
