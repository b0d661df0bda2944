import { anthropicAdapter } from "./anthropic";
import { azureAdapter } from "./azure";
import { bedrockAdapter } from "./bedrock";
import { geminiAdapter } from "./gemini";
import { mockAdapter } from "./mock";
import { openaiAdapter } from "./openai";
import type { ProviderAdapter } from "./types";
import { vertexAdapter } from "./vertex";

/** Every provider id Latch knows, as a literal tuple (usable with `z.enum(providerIds)`). */
export const providerIds = ["openai", "azure", "gemini", "anthropic", "bedrock", "vertex", "mock"] as const;
export type ProviderId = (typeof providerIds)[number];

// Typed by ProviderId so adding an id without an adapter (or vice versa) fails to compile.
const adapters: Record<ProviderId, ProviderAdapter> = {
  openai: openaiAdapter,
  azure: azureAdapter,
  gemini: geminiAdapter,
  anthropic: anthropicAdapter,
  bedrock: bedrockAdapter,
  vertex: vertexAdapter,
  mock: mockAdapter,
};

export function isProviderId(id: string): id is ProviderId {
  return Object.hasOwn(adapters, id);
}

export function getAdapter(id: string): ProviderAdapter | undefined {
  return isProviderId(id) ? adapters[id] : undefined;
}

export function listAdapters(): ProviderAdapter[] {
  return providerIds.map((id) => adapters[id]);
}
