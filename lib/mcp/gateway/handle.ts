// Streamable HTTP for /mcp and /mcp/{server}. The virtual key is the Bearer token; sessions are
// ids in Redis bound to that key (lib/mcp/gateway/sessions.ts); each POST is answered by an SDK
// server and transport built for it, in the SDK's stateless mode plus our own session check.
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { authenticate } from "@/lib/gateway/authenticate";
import { getOrgSnapshot } from "@/lib/gateway/org-cache";
import { PEER_ADDRESS_HEADER, resolveClientIp } from "@/lib/gateway/client-ip";
import { asLatchError, type LatchError, PermissionError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { getCatalog } from "@/lib/mcp/gateway/catalog";
import { policiesFor } from "@/lib/mcp/gateway/key-policy";
import { createSession, deleteSession, getSession } from "@/lib/mcp/gateway/sessions";
import { notificationStream } from "@/lib/mcp/gateway/streams";
import { buildServer } from "@/lib/mcp/gateway/server";
import { deliverAnswers } from "@/lib/mcp/gateway/client-requests";
import { serverAllowed } from "@/lib/mcp/policy/compile";
import { refusedOrigin } from "@/lib/mcp/gateway/origin";
import { resourceMetadataUrl } from "@/lib/mcp/gateway/resource-metadata";
import type { McpContext } from "@/lib/mcp/gateway/context";

const SESSION_HEADER = "mcp-session-id";

function rpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function authFailure(err: LatchError, scope: string | null): Response {
  const headers: Record<string, string> = { ...err.headers };
  // RFC 9728 §5.1: the 401 says where the resource's metadata is.
  const metadata = resourceMetadataUrl(scope === null ? "/mcp" : `/mcp/${scope}`);
  if (err.status === 401)
    headers["www-authenticate"] =
      `Bearer realm="latch", resource_metadata="${metadata}", error="invalid_token", error_description="${err.message.replace(/"/g, "'")}"`;
  return rpcError(err.status, -32001, err.message, headers);
}

async function contextFor(request: Request, scope: string | null, requestId: string): Promise<McpContext | Response> {
  const clientIp = resolveClientIp(request.headers.get(PEER_ADDRESS_HEADER), request.headers.get("x-forwarded-for"));
  let key;
  try {
    key = await authenticate(request.headers, clientIp);
    if (key.policy.allowedIps && !key.policy.allowedIps(clientIp))
      throw new PermissionError("ip_not_allowed", "Requests from this IP address are not allowed for this key.");
  } catch (err) {
    return authFailure(asLatchError(err), scope);
  }
  const [org, catalog] = await Promise.all([getOrgSnapshot(key.orgId), getCatalog(key.orgId)]);
  if (!org) return authFailure(new PermissionError("org_unavailable", "This key's organisation is unavailable."), scope);
  const { key: keyPolicy, all } = await policiesFor(key.id, catalog.orgPolicy);
  // A server the key may not use does not exist as far as the key can tell.
  if (scope !== null && (!catalog.servers.has(scope) || !serverAllowed(all, scope)))
    return rpcError(404, -32601, `No MCP server "${scope}" is available to this key.`);
  return { requestId, key, org, catalog, keyPolicy, policies: all, scope, sessionId: request.headers.get(SESSION_HEADER), session: null };
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

export async function handleMcpRequest(request: Request, scope: string | null): Promise<Response> {
  const requestId = `req_${randomUUID().replaceAll("-", "")}`;
  try {
    // Before authentication: a page a browser was tricked into calling learns nothing.
    const origin = refusedOrigin(request.headers);
    if (origin !== null) return rpcError(403, -32000, `Forbidden: the origin ${JSON.stringify(origin).slice(0, 200)} may not call this MCP endpoint.`);
    const ctx = await contextFor(request, scope, requestId);
    if (ctx instanceof Response) return ctx;
    const scopeName = scope ?? "*";
    const sessionId = ctx.sessionId;
    const session = sessionId ? await getSession(sessionId) : null;
    // A session is usable only with the key (and endpoint) that opened it.
    const sessionValid = session !== null && session.keyId === ctx.key.id && session.scope === scopeName;

    if (request.method === "GET" || request.method === "DELETE") {
      if (!sessionId) return rpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
      if (!sessionValid) return rpcError(404, -32001, "Session not found");
      if (request.method === "DELETE") {
        await deleteSession(sessionId, ctx.key.id);
        return new Response(null, { status: 200 });
      }
      if (!(request.headers.get("accept") ?? "").includes("text/event-stream"))
        return rpcError(406, -32000, "Not Acceptable: Client must accept text/event-stream");
      const body = notificationStream({ orgId: ctx.key.orgId, keyId: ctx.key.id, sessionId, signal: request.signal });
      return new Response(body, {
        status: 200,
        headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", [SESSION_HEADER]: sessionId },
      });
    }
    if (request.method !== "POST") return rpcError(405, -32000, "Method not allowed.", { allow: "GET, POST, DELETE" });

    const body = await readJson(request);
    if (body === undefined) return rpcError(400, -32700, "Parse error: Invalid JSON");
    const messages = Array.isArray(body) ? body : [body];
    const initializing = messages.some(isInitializeRequest);
    let newSession: string | null = null;
    if (initializing) {
      if (messages.length > 1) return rpcError(400, -32600, "Invalid Request: Only one initialization request is allowed");
      const params = (body as { params?: { protocolVersion?: unknown; capabilities?: { sampling?: unknown; elicitation?: unknown } } }).params;
      newSession = await createSession({
        orgId: ctx.key.orgId,
        keyId: ctx.key.id,
        scope: scopeName,
        protocolVersion: typeof params?.protocolVersion === "string" ? params.protocolVersion : null,
        clientCapabilities: { sampling: Boolean(params?.capabilities?.sampling), elicitation: Boolean(params?.capabilities?.elicitation) },
      });
    } else {
      if (!sessionId) return rpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
      if (!sessionValid) return rpcError(404, -32001, "Session not found");
      // The client's answers to sampling or elicitation go to the call waiting for them.
      if (await deliverAnswers(sessionId, messages)) return new Response(null, { status: 202, headers: { [SESSION_HEADER]: sessionId } });
    }
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await buildServer({ ...ctx, sessionId: newSession ?? sessionId, session: sessionValid ? session : null }, transport).connect(transport);
    const response = await transport.handleRequest(request, { parsedBody: body });
    const headers = new Headers(response.headers);
    if (newSession ?? sessionId) headers.set(SESSION_HEADER, (newSession ?? sessionId)!);
    return new Response(response.body, { status: response.status, headers });
  } catch (err) {
    logError("mcp request failed", err, { requestId });
    return rpcError(500, -32603, "Internal error");
  }
}
