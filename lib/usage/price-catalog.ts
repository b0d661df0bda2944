// Public list prices (USD per 1M tokens) seeded into the global catalog. Admins override per org;
// a later effectiveFrom supersedes an earlier row without rewriting history.
export type CatalogEntry = { provider: string; model: string; input: number; output: number; cachedInput: number | null };

export const PRICE_CATALOG_EFFECTIVE_FROM = new Date("2025-01-01T00:00:00Z");

export const PRICE_CATALOG: readonly CatalogEntry[] = [
  { provider: "openai", model: "gpt-5", input: 1.25, output: 10, cachedInput: 0.125 },
  { provider: "openai", model: "gpt-5-mini", input: 0.25, output: 2, cachedInput: 0.025 },
  { provider: "openai", model: "gpt-5-nano", input: 0.05, output: 0.4, cachedInput: 0.005 },
  { provider: "openai", model: "gpt-4.1", input: 2, output: 8, cachedInput: 0.5 },
  { provider: "openai", model: "gpt-4.1-mini", input: 0.4, output: 1.6, cachedInput: 0.1 },
  { provider: "openai", model: "gpt-4.1-nano", input: 0.1, output: 0.4, cachedInput: 0.025 },
  { provider: "openai", model: "gpt-4o", input: 2.5, output: 10, cachedInput: 1.25 },
  { provider: "openai", model: "gpt-4o-mini", input: 0.15, output: 0.6, cachedInput: 0.075 },
  { provider: "openai", model: "o3", input: 2, output: 8, cachedInput: 0.5 },
  { provider: "openai", model: "o4-mini", input: 1.1, output: 4.4, cachedInput: 0.275 },
  { provider: "openai", model: "text-embedding-3-small", input: 0.02, output: 0, cachedInput: null },
  { provider: "openai", model: "text-embedding-3-large", input: 0.13, output: 0, cachedInput: null },
  { provider: "azure", model: "gpt-4o", input: 2.5, output: 10, cachedInput: 1.25 },
  { provider: "azure", model: "gpt-4o-mini", input: 0.15, output: 0.6, cachedInput: 0.075 },
  { provider: "azure", model: "gpt-4.1", input: 2, output: 8, cachedInput: 0.5 },
  { provider: "anthropic", model: "claude-opus-4-1", input: 15, output: 75, cachedInput: 1.5 },
  { provider: "anthropic", model: "claude-sonnet-4-5", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "anthropic", model: "claude-sonnet-4-0", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "anthropic", model: "claude-haiku-4-5", input: 1, output: 5, cachedInput: 0.1 },
  { provider: "anthropic", model: "claude-3-5-haiku-latest", input: 0.8, output: 4, cachedInput: 0.08 },
  { provider: "gemini", model: "gemini-2.5-pro", input: 1.25, output: 10, cachedInput: 0.31 },
  { provider: "gemini", model: "gemini-2.5-flash", input: 0.3, output: 2.5, cachedInput: 0.075 },
  { provider: "gemini", model: "gemini-2.5-flash-lite", input: 0.1, output: 0.4, cachedInput: 0.025 },
  // Bedrock on-demand list prices. Model ids are Bedrock's, cross-region inference profiles
  // (`us.`, `global.`) included; regional-endpoint premiums, if any, are org overrides.
  { provider: "bedrock", model: "anthropic.claude-3-5-haiku-20241022-v1:0", input: 0.8, output: 4, cachedInput: 0.08 },
  { provider: "bedrock", model: "us.anthropic.claude-3-5-haiku-20241022-v1:0", input: 0.8, output: 4, cachedInput: 0.08 },
  { provider: "bedrock", model: "anthropic.claude-haiku-4-5-20251001-v1:0", input: 1, output: 5, cachedInput: 0.1 },
  { provider: "bedrock", model: "us.anthropic.claude-haiku-4-5-20251001-v1:0", input: 1, output: 5, cachedInput: 0.1 },
  { provider: "bedrock", model: "global.anthropic.claude-haiku-4-5-20251001-v1:0", input: 1, output: 5, cachedInput: 0.1 },
  { provider: "bedrock", model: "anthropic.claude-sonnet-4-5-20250929-v1:0", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "bedrock", model: "global.anthropic.claude-sonnet-4-5-20250929-v1:0", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "bedrock", model: "us.anthropic.claude-opus-4-1-20250805-v1:0", input: 15, output: 75, cachedInput: 1.5 },
  { provider: "bedrock", model: "meta.llama3-1-70b-instruct-v1:0", input: 0.72, output: 0.72, cachedInput: null },
  { provider: "bedrock", model: "meta.llama3-1-8b-instruct-v1:0", input: 0.22, output: 0.22, cachedInput: null },
  { provider: "bedrock", model: "amazon.nova-pro-v1:0", input: 0.8, output: 3.2, cachedInput: 0.2 },
  { provider: "bedrock", model: "amazon.nova-lite-v1:0", input: 0.06, output: 0.24, cachedInput: 0.015 },
  { provider: "bedrock", model: "amazon.nova-micro-v1:0", input: 0.035, output: 0.14, cachedInput: 0.00875 },
  // Vertex AI list prices (standard tier, prompts up to 200k tokens). Claude ids carry "@version".
  { provider: "vertex", model: "gemini-2.5-pro", input: 1.25, output: 10, cachedInput: 0.125 },
  { provider: "vertex", model: "gemini-2.5-flash", input: 0.3, output: 2.5, cachedInput: 0.03 },
  { provider: "vertex", model: "gemini-2.5-flash-lite", input: 0.1, output: 0.4, cachedInput: 0.01 },
  { provider: "vertex", model: "claude-sonnet-4-5@20250929", input: 3, output: 15, cachedInput: 0.3 },
  { provider: "vertex", model: "claude-haiku-4-5@20251001", input: 1, output: 5, cachedInput: 0.1 },
  { provider: "vertex", model: "claude-opus-4-1@20250805", input: 15, output: 75, cachedInput: 1.5 },
  { provider: "vertex", model: "claude-3-5-haiku@20241022", input: 0.8, output: 4, cachedInput: 0.08 },
  // The built-in echo model is priced so that budgets and charts behave as with a real model.
  { provider: "mock", model: "echo", input: 1, output: 2, cachedInput: null },
];
