import type { Credential } from "./types";

/** The credential's base URL (or the provider default) without trailing slashes. */
export function resolveBaseUrl(credential: Credential, fallback: string | null): string {
  const base = credential.baseUrl?.trim() || fallback;
  if (!base) throw new Error(`Credential ${credential.id} (${credential.provider}) has no base URL`);
  return base.replace(/\/+$/, "");
}

export const JSON_CONTENT_TYPE = { "content-type": "application/json" } as const;
