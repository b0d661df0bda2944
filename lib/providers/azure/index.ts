import { createOpenAICompatibleAdapter } from "../openai-compatible";
import type { Credential } from "../types";

export const AZURE_DEFAULT_API_VERSION = "2024-10-21";

function apiVersion(credential: Credential): string {
  return encodeURIComponent(credential.azureApiVersion ?? AZURE_DEFAULT_API_VERSION);
}

/** Azure OpenAI: deployment-scoped URLs and an `api-key` header; the wire format is OpenAI's. */
export const azureAdapter = createOpenAICompatibleAdapter({
  id: "azure",
  displayName: "Azure OpenAI",
  defaultBaseUrl: null,
  endpoints: ["chat.completions", "responses", "embeddings", "completions"],
  endpointUrl: (base, path, { credential, upstreamModel }) => {
    const deployment = encodeURIComponent(credential.azureDeployment ?? upstreamModel);
    return `${base}/openai/deployments/${deployment}/${path}?api-version=${apiVersion(credential)}`;
  },
  authHeaders: (credential): Record<string, string> => (credential.secret ? { "api-key": credential.secret } : {}),
  modelsUrl: (base, credential) => `${base}/openai/models?api-version=${apiVersion(credential)}`,
});
