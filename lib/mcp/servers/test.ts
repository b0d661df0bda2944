// "Test connection": opens a session with the upstream using the sealed credential, lists its
// tools and stores them (the on-demand refresh). Failures are an answer, not an exception, and
// never echo the upstream's raw error (it could quote the credential).
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { LatchError, NotFoundError } from "@/lib/errors";
import { findServerConnection } from "@/lib/mcp/servers/queries";
import { connectUpstream } from "@/lib/mcp/upstream/connect";
import { refreshTools } from "@/lib/mcp/upstream/discover";

export type McpConnectionTest = {
  ok: boolean;
  latencyMs: number;
  serverInfo: { name: string; version: string } | null;
  protocolVersion: string | null;
  toolCount: number;
  error: string | null;
};

function describe(err: unknown): string {
  if (err instanceof LatchError) return err.message;
  // The SDK's StreamableHTTPError carries the HTTP status as its code.
  const code = (err as { code?: unknown } | null)?.code;
  const status = typeof code === "number" && code >= 400 && code < 600 ? String(code) : null;
  if (status === "401" || status === "403") return `The server refused the credential (HTTP ${status}).`;
  if (status) return `The server answered HTTP ${status}.`;
  return "Could not reach the server or it did not speak MCP over Streamable HTTP.";
}

export async function testMcpServer({ actor, serverId }: { actor: Actor; serverId: string }): Promise<McpConnectionTest> {
  requirePermission(actor, "mcp.write");
  const row = await findServerConnection(actor.orgId, serverId);
  if (!row) throw new NotFoundError("mcp_server_not_found", "No such MCP server.", "id");
  const started = performance.now();
  let client: Awaited<ReturnType<typeof connectUpstream>> | null = null;
  try {
    client = await connectUpstream(row);
    const tools = await refreshTools(actor.orgId, row.id, client);
    const info = client.getServerVersion();
    return {
      ok: true,
      latencyMs: Math.round(performance.now() - started),
      serverInfo: info ? { name: info.name, version: info.version } : null,
      protocolVersion: client.transport && "protocolVersion" in client.transport ? String(client.transport.protocolVersion ?? "") || null : null,
      toolCount: tools.length,
      error: null,
    };
  } catch (err) {
    const error = describe(err);
    await db.mcpServer.updateMany({ where: { id: row.id, orgId: actor.orgId }, data: { lastError: error } });
    return { ok: false, latencyMs: Math.round(performance.now() - started), serverInfo: null, protocolVersion: null, toolCount: 0, error };
  } finally {
    await client?.close().catch(() => {});
  }
}
