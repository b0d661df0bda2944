// OAuth 2.1 client credentials towards an upstream MCP server: Latch asks the server's token
// endpoint for an access token with the sealed client secret (HTTP Basic, as RFC 6749 §2.3.1
// prefers), through the outbound guard that checks the address actually dialled, and keeps the
// token until shortly before it expires. The secret and the token never reach a client or a log.
import { createHash } from "node:crypto";
import { fetch as undiciFetch } from "undici";
import { UpstreamError } from "@/lib/errors";
import { outboundAgent } from "@/lib/security/guarded-dispatcher";
import { decryptSecret } from "@/lib/security/secret-box";

export type OAuthTarget = { oauthTokenUrl: string | null; oauthClientId: string | null; oauthScope: string | null; encryptedSecret: string | null };

/** A token is renewed this long before its stated expiry, so a call never carries a dying one. */
const MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_S = 300;
type Entry = { token: Promise<string>; expiresAt: number };
const holder = globalThis as unknown as { latchMcpTokens?: Map<string, Entry> };
const tokens = (holder.latchMcpTokens ??= new Map());

const refused = (message: string) => new UpstreamError(502, "server_error", "mcp_token_refused", message);
const cacheKey = (t: OAuthTarget) => createHash("sha256").update(`${t.oauthTokenUrl}\n${t.oauthClientId}\n${t.oauthScope}\n${t.encryptedSecret}`).digest("hex");

async function requestToken(t: OAuthTarget, entry: Entry): Promise<string> {
  if (!t.oauthTokenUrl || !t.oauthClientId || !t.encryptedSecret) throw refused("This MCP server's OAuth client credentials are incomplete.");
  const basic = Buffer.from(`${encodeURIComponent(t.oauthClientId)}:${encodeURIComponent(decryptSecret(t.encryptedSecret))}`).toString("base64");
  const body = new URLSearchParams({ grant_type: "client_credentials", ...(t.oauthScope ? { scope: t.oauthScope } : {}) });
  let response;
  try {
    response = await undiciFetch(t.oauthTokenUrl, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: body.toString(),
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
      dispatcher: outboundAgent(),
    });
  } catch {
    throw refused("This MCP server's token endpoint could not be reached.");
  }
  const json = (await response.json().catch(() => null)) as { access_token?: unknown; token_type?: unknown; expires_in?: unknown } | null;
  if (!response.ok || typeof json?.access_token !== "string" || String(json.token_type).toLowerCase() !== "bearer")
    throw refused(`This MCP server's token endpoint refused the client credentials (HTTP ${response.status}).`);
  const lifetime = typeof json.expires_in === "number" && json.expires_in > 0 ? json.expires_in : DEFAULT_LIFETIME_S;
  entry.expiresAt = Date.now() + Math.max(lifetime * 1000 - MARGIN_MS, lifetime * 500);
  return json.access_token;
}

/** The current access token, fetched once and shared by concurrent callers until it expires. */
export function accessToken(t: OAuthTarget, { fresh = false } = {}): Promise<string> {
  const key = cacheKey(t);
  const current = tokens.get(key);
  if (!fresh && current && current.expiresAt > Date.now()) return current.token;
  const entry: Entry = { token: Promise.resolve(""), expiresAt: Number.POSITIVE_INFINITY };
  entry.token = requestToken(t, entry);
  tokens.set(key, entry);
  entry.token.catch(() => tokens.get(key) === entry && tokens.delete(key));
  return entry.token;
}

/**
 * fetch for the MCP transport: each request carries the current token; a 401 (the token was
 * revoked early) fetches a new one and tries once more.
 */
export function tokenFetch(t: OAuthTarget): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const send = async (token: string) => {
      const headers = new Headers(init?.headers);
      headers.set("authorization", `Bearer ${token}`);
      return fetch(url, { ...init, headers });
    };
    const response = await send(await accessToken(t));
    if (response.status !== 401) return response;
    await response.body?.cancel();
    return send(await accessToken(t, { fresh: true }));
  };
}
