// Every provider adapter, by id: the one way core code reaches provider specifics.
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

/** Providers answered in process (the built-in echo): they reach no real model. */
export const inProcessProviderIds: readonly ProviderId[] = providerIds.filter((id) => adapters[id].invokeLocal !== undefined);

export function listAdapters(): ProviderAdapter[] {
  return providerIds.map((id) => adapters[id]);
}

/**
 * The management API's provider types: every id, and `openai_compatible` for any self-hosted
 * server speaking OpenAI's API (stored as an `openai` credential flagged `compatible`).
 */
export const providerTypes = [...providerIds, "openai_compatible"] as const;
export type ProviderType = (typeof providerTypes)[number];

const SELF_HOSTED: Partial<Record<ProviderId, ProviderType>> = { openai: "openai_compatible" };

/** Whether a credential of this provider may be its self-hosted flavour (base URL required, key optional). */
export const hasSelfHostedFlavor = (provider: string): boolean => isProviderId(provider) && SELF_HOSTED[provider] !== undefined;

export function providerTypeOf(provider: string, compatible: boolean | undefined): ProviderType {
  const id = provider as ProviderId;
  return (compatible && SELF_HOSTED[id]) || id;
}

export function fromProviderType(type: ProviderType): { provider: ProviderId; compatible: boolean } {
  const flavorOf = Object.entries(SELF_HOSTED).find(([, flavor]) => flavor === type)?.[0] as ProviderId | undefined;
  return flavorOf ? { provider: flavorOf, compatible: true } : { provider: type as ProviderId, compatible: false };
}
