// Requests Latch answers by asking one upstream (prompts, resources, completion): the server
// rules are checked first, the call runs on the pooled upstream session inside the client
// request's scope (so the upstream's log messages reach that client), and an upstream failure
// becomes a JSON-RPC error that names the server, never its URL or credential.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { serverVerdict, strictest } from "@/lib/mcp/policy/compile";
import { serversInScope, type McpContext } from "@/lib/mcp/gateway/context";
import type { CatalogServer } from "@/lib/mcp/gateway/catalog";
import { withCallScope, type UpstreamCallScope } from "@/lib/mcp/upstream/call-scope";
import { dropUpstream, upstreamClient } from "@/lib/mcp/upstream/pool";
import { logError } from "@/lib/log";
import { attributed } from "@/lib/mcp/gateway/logging";

const LIST_TIMEOUT_MS = 30_000;
const MAX_LISTED = 500;

/** Refuses a server the key may not use, naming the rule, as tool refusals do. */
export function assertServerAllowed(ctx: McpContext, server: CatalogServer, what: string): void {
  const verdict = serverVerdict(ctx.policies, server.slug);
  if (!verdict.ok)
    throw new McpError(ErrorCode.InvalidParams, `${what} is not allowed for this key (rule: ${verdict.rule}).`, {
      code: "server_not_allowed",
      rule: verdict.rule,
    });
}

export async function onUpstream<T>(ctx: McpContext, server: CatalogServer, scope: UpstreamCallScope, run: (client: Client) => Promise<T>): Promise<T> {
  let client: Client;
  try {
    client = await upstreamClient(ctx.key.orgId, server.id, server.version);
  } catch {
    throw new McpError(ErrorCode.InternalError, `The MCP server "${server.slug}" could not be reached.`);
  }
  try {
    return await withCallScope(attributed(ctx, server.slug, scope), () => run(client));
  } catch (err) {
    if (err instanceof McpError && err.code !== ErrorCode.ConnectionClosed && err.code !== ErrorCode.RequestTimeout)
      throw new McpError(err.code, err.message.replace(/^MCP error -?\d+: /, ""), err.data);
    dropUpstream(server.id);
    throw new McpError(ErrorCode.InternalError, `The MCP server "${server.slug}" could not be reached.`);
  }
}

/** The size limit on what an upstream returns applies to prompts and resources as to tool results. */
export function assertResultSize(ctx: McpContext, result: unknown): void {
  const limit = strictest(ctx.policies, "maxResultBytes");
  const size = Buffer.byteLength(JSON.stringify(result));
  if (limit && size > limit.limit) {
    const rule = `${limit.level}.maxResultBytes`;
    throw new McpError(ErrorCode.InvalidRequest, `The result is ${size} bytes, over the limit of ${limit.limit} (rule: ${rule}).`, {
      code: "result_too_large",
      rule,
    });
  }
}

type Capability = "prompts" | "resources" | "completions";

/** Servers in scope the key may use whose upstream offers the capability, each with its client. */
export async function capableServers(ctx: McpContext, capability: Capability): Promise<{ server: CatalogServer; client: Client }[]> {
  const servers = serversInScope(ctx).filter((s) => serverVerdict(ctx.policies, s.slug).ok);
  const opened = await Promise.allSettled(servers.map((s) => upstreamClient(ctx.key.orgId, s.id, s.version)));
  const ready: { server: CatalogServer; client: Client }[] = [];
  opened.forEach((o, i) => {
    if (o.status === "fulfilled" && o.value.getServerCapabilities()?.[capability]) ready.push({ server: servers[i]!, client: o.value });
  });
  return ready;
}

/**
 * One listing across servers. On /mcp/{server} the upstream's own pages and cursor pass
 * through; on /mcp every page of every server is gathered (up to a bound), and a server that
 * fails to answer is left out rather than failing the whole list.
 */
export async function listAcross<T>(
  ctx: McpContext,
  capability: Capability,
  cursor: string | undefined,
  page: (client: Client, cursor: string | undefined, signal: AbortSignal) => Promise<{ items: T[]; nextCursor?: string }>,
  rename: (server: CatalogServer, item: T) => T,
  signal: AbortSignal,
): Promise<{ items: T[]; nextCursor?: string }> {
  const servers = await capableServers(ctx, capability);
  const timeout = AbortSignal.any([signal, AbortSignal.timeout(LIST_TIMEOUT_MS)]);
  if (ctx.scope !== null) {
    const only = servers[0];
    if (!only) return { items: [] };
    return onUpstream(ctx, only.server, {}, () => page(only.client, cursor, timeout));
  }
  const results = await Promise.allSettled(
    servers.map(async ({ server, client }) => {
      const items: T[] = [];
      let next: string | undefined;
      do {
        const got = await withCallScope({}, () => page(client, next, timeout));
        items.push(...got.items.map((item) => rename(server, item)));
        next = got.nextCursor;
      } while (next && items.length < MAX_LISTED);
      return items.slice(0, MAX_LISTED);
    }),
  );
  const items: T[] = [];
  results.forEach((r, i) => {
    if (r.status === "fulfilled") items.push(...r.value);
    else logError("mcp listing failed", r.reason, { server: servers[i]!.server.slug, capability });
  });
  return { items };
}
