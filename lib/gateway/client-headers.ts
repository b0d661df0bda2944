// The client request headers adapters may forward, read once per request from an allowlist.
// Everything else the client sent (its auth above all) stays with Latch.
import type { ClientHeaders } from "@/lib/providers/types";

// Anthropic's names are lower-case words, digits and dashes ending in a date; anything else
// (or an injection attempt) is dropped rather than forwarded.
const BETA_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const MAX_BETAS = 64;

export const NO_CLIENT_HEADERS: ClientHeaders = Object.freeze({ anthropicVersion: null, anthropicBeta: [] }) as ClientHeaders;

export function readClientHeaders(headers: { get(name: string): string | null }): ClientHeaders {
  const version = headers.get("anthropic-version")?.trim() ?? null;
  // Repeated headers arrive joined with ", "; the values themselves are comma-separated too.
  const raw = headers.get("anthropic-beta");
  if (!raw && !version) return NO_CLIENT_HEADERS;
  const betas = new Set<string>();
  for (const part of raw?.split(",") ?? []) {
    const name = part.trim();
    if (BETA_NAME.test(name) && betas.size < MAX_BETAS) betas.add(name);
  }
  return { anthropicVersion: version && VERSION.test(version) ? version : null, anthropicBeta: [...betas] };
}
