// Latch as an MCP client of an upstream server: the sealed credential is opened here, at the
// last moment, and sent only to that server's URL (checked by the SSRF guard on every connect);
// with OAuth client credentials, only the access token its token endpoint issued is sent.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { decryptSecret } from "@/lib/security/secret-box";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import type { ServerConnectionRow } from "@/lib/mcp/servers/queries";
import { tokenFetch } from "@/lib/mcp/upstream/oauth-token";

export const LATCH_CLIENT_INFO = { name: "latch-gateway", version: "1.0.0" };

export type ConnectionTarget = Pick<
  ServerConnectionRow,
  "url" | "authKind" | "authHeader" | "encryptedSecret" | "oauthTokenUrl" | "oauthClientId" | "oauthScope"
>;

export function upstreamHeaders(target: ConnectionTarget): Record<string, string> {
  // OAuth tokens are added per request by tokenFetch, never as a fixed header.
  if (target.authKind === "none" || target.authKind === "oauth_client_credentials" || !target.encryptedSecret) return {};
  const secret = decryptSecret(target.encryptedSecret);
  if (target.authKind === "bearer") return { authorization: `Bearer ${secret}` };
  return { [target.authHeader ?? "x-api-key"]: secret };
}

/** Initialises a session with the upstream; the caller owns and closes the client. */
export async function connectUpstream(target: ConnectionTarget, timeoutMs = 10_000): Promise<Client> {
  await assertSafeOutboundUrl(target.url, "url");
  // Sampling and elicitation are relayed to the client making the call (who may still decline).
  const client = new Client(LATCH_CLIENT_INFO, { capabilities: { sampling: {}, elicitation: {} } });
  // Upstream redirects are not followed: a redirect could carry the credential to another host.
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    requestInit: { headers: upstreamHeaders(target), redirect: "error" },
    ...(target.authKind === "oauth_client_credentials" ? { fetch: tokenFetch(target) } : {}),
    reconnectionOptions: { maxReconnectionDelay: 5_000, initialReconnectionDelay: 1_000, reconnectionDelayGrowFactor: 2, maxRetries: 0 },
  });
  await client.connect(transport, { timeout: timeoutMs });
  return client;
}
