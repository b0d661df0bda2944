// One live upstream session per server per instance, reused by every client call: a tool call
// costs one upstream round trip, not an initialize handshake each time. A changed server row
// (new URL or credential) or a broken session opens a fresh one.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  McpError,
  LoggingMessageNotificationSchema,
  PromptListChangedNotificationSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { connectUpstream } from "@/lib/mcp/upstream/connect";
import { refreshTools } from "@/lib/mcp/upstream/discover";
import { findServerConnection } from "@/lib/mcp/servers/queries";
import { UpstreamError } from "@/lib/errors";
import { publishInvalidation } from "@/lib/invalidation";
import { currentCallScope, outsideCallScope } from "@/lib/mcp/upstream/call-scope";
import { relayResourceUpdate } from "@/lib/mcp/gateway/subscriptions";
import { logError } from "@/lib/log";

type Entry = { version: number; client: Promise<Client> };

const holder = globalThis as unknown as { latchMcpPool?: Map<string, Entry> };
const pool = (holder.latchMcpPool ??= new Map<string, Entry>());

async function open(orgId: string, serverId: string): Promise<Client> {
  const row = await findServerConnection(orgId, serverId);
  if (!row) throw new UpstreamError(502, "server_error", "mcp_server_unavailable", "This MCP server is no longer registered.");
  const client = await connectUpstream(row);
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    void refreshTools(orgId, serverId, client).catch((err: unknown) => logError("mcp tools refresh failed", err, { serverId }));
  });
  // Prompts and resources are read live: clients only need to hear that they should list again.
  const listChanged = () => void publishInvalidation({ kind: "org", orgId });
  client.setNotificationHandler(PromptListChangedNotificationSchema, listChanged);
  client.setNotificationHandler(ResourceListChangedNotificationSchema, listChanged);
  client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => relayResourceUpdate(orgId, serverId, n.params.uri));
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => currentCallScope()?.onLog?.(n.params));
  // Sampling and elicitation reach the client whose call the upstream is serving, never another.
  const ask = (method: "sampling/createMessage" | "elicitation/create") => (request: { params: unknown }, extra: { signal: AbortSignal }) => {
    const askClient = currentCallScope()?.askClient;
    if (!askClient) throw new McpError(ErrorCode.InvalidRequest, `${method} is only relayed during a client's tool call.`);
    return askClient(method, request.params, extra.signal) as never;
  };
  client.setRequestHandler(CreateMessageRequestSchema, ask("sampling/createMessage"));
  client.setRequestHandler(ElicitRequestSchema, ask("elicitation/create"));
  client.onclose = () => {
    const current = pool.get(serverId);
    void current?.client.then(
      (c) => c === client && pool.get(serverId) === current && pool.delete(serverId),
      () => {},
    );
  };
  return client;
}

/** The pooled session for a server at `version` (its updatedAt), opening one if needed. */
export function upstreamClient(orgId: string, serverId: string, version: number): Promise<Client> {
  const current = pool.get(serverId);
  if (current && current.version === version) return current.client;
  if (current) void current.client.then((c) => c.close()).catch(() => {});
  // Opened outside the calling request's scope: the session outlives it and serves everyone.
  const client = outsideCallScope(() => open(orgId, serverId));
  pool.set(serverId, { version, client });
  client.catch(() => {
    if (pool.get(serverId)?.client === client) pool.delete(serverId);
  });
  return client;
}

/** Drops a session that failed, so the next call reconnects. */
export function dropUpstream(serverId: string): void {
  const current = pool.get(serverId);
  pool.delete(serverId);
  if (current) void current.client.then((c) => c.close()).catch(() => {});
}

export async function closeAllUpstreams(): Promise<void> {
  const entries = [...pool.values()];
  pool.clear();
  await Promise.allSettled(entries.map((e) => e.client.then((c) => c.close())));
}
