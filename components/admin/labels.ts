// Words for stored enum values and counts, so screens never show "monthly", "openai" or "1 keys".
import type { SpendPeriod } from "@/lib/guardrails/schemas";

const PERIODS: Record<SpendPeriod, string> = { daily: "Daily", weekly: "Weekly", monthly: "Monthly", lifetime: "Lifetime (never resets)" };
export const periodLabel = (p: SpendPeriod) => PERIODS[p];
/** "per month" style, for a cap written after its amount. */
export const periodSuffix = (p: SpendPeriod) => (p === "lifetime" ? "in total" : { daily: "a day", weekly: "a week", monthly: "a month" }[p]);

const ROLES: Record<string, string> = { admin: "Admin", approver: "Approver", developer: "Developer" };
export const roleLabel = (r: string) => ROLES[r] ?? r;

const PROVIDERS: Record<string, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  bedrock: "Amazon Bedrock",
  vertex: "Google Vertex AI",
  gemini: "Google Gemini",
  azure: "Azure OpenAI",
  groq: "Groq",
  mistral: "Mistral",
  vllm: "vLLM",
  ollama: "Ollama",
  openrouter: "OpenRouter",
  mock: "Built-in echo",
};
export const providerLabel = (p: string) => PROVIDERS[p] ?? p.charAt(0).toUpperCase() + p.slice(1);

/** "1 member", "3 members", "no members". */
export function plural(n: number, one: string, many = `${one}s`, none?: string): string {
  if (n === 0 && none) return none;
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** A stored status or outcome word as a label: "active" → "Active", "provider_error" → "Provider error". */
export const statusLabel = (s: string) => (s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}`.replaceAll("_", " ") : s);

const SCOPES: Record<string, string> = { org: "Organisation", team: "Team", user: "Person", key: "Key", dimension: "Dimension" };
export const scopeLabel = (s: string) => SCOPES[s] ?? statusLabel(s);

const IDP_KINDS: Record<string, string> = { oidc: "OpenID Connect", okta: "Okta", entra: "Microsoft Entra ID" };
export const idpKindLabel = (k: string) => IDP_KINDS[k] ?? k;
