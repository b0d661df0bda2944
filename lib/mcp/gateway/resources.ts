// resources/list, resources/templates/list and resources/read forwarded to the upstreams, read
// live. On /mcp a resource's URI is `<server>+<uri>`; the upstream sees its own URI. Resources
// follow the server rules of the policy, and their size the result limit.
import {
  ErrorCode,
  McpError,
  type ListResourcesResult,
  type ListResourceTemplatesResult,
  type ReadResourceRequest,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpContext } from "@/lib/mcp/gateway/context";
import type { CatalogServer } from "@/lib/mcp/gateway/catalog";
import type { UpstreamCallScope } from "@/lib/mcp/upstream/call-scope";
import { assertResultSize, assertServerAllowed, listAcross, onUpstream } from "@/lib/mcp/gateway/forward";
import { namespacedUri, splitUri } from "@/lib/mcp/gateway/names";

/** The server and upstream URI behind a client-facing URI, if the server exists in scope. */
export function resolveResourceServer(ctx: McpContext, uri: string): { server: CatalogServer; uri: string } {
  const parts = ctx.scope === null ? splitUri(uri) : { server: ctx.scope, uri };
  const server = parts ? ctx.catalog.servers.get(parts.server) : undefined;
  if (!parts || !server) throw new McpError(ErrorCode.InvalidParams, `Unknown resource: ${uri}`);
  return { server, uri: parts.uri };
}

/** The URI a client of this endpoint knows an upstream's resource by. */
export const clientUri = (ctx: McpContext, server: string, uri: string) => (ctx.scope === null ? namespacedUri(server, uri) : uri);

export async function listResources(ctx: McpContext, cursor: string | undefined, signal: AbortSignal): Promise<ListResourcesResult> {
  const { items, nextCursor } = await listAcross<Resource>(
    ctx,
    "resources",
    cursor,
    async (client, c, s) => {
      const page = await client.listResources(c ? { cursor: c } : undefined, { signal: s });
      return { items: page.resources, nextCursor: page.nextCursor };
    },
    (server, resource) => ({ ...resource, uri: namespacedUri(server.slug, resource.uri) }),
    signal,
  );
  return { resources: items, ...(nextCursor ? { nextCursor } : {}) };
}

export async function listResourceTemplates(ctx: McpContext, cursor: string | undefined, signal: AbortSignal): Promise<ListResourceTemplatesResult> {
  const { items, nextCursor } = await listAcross<ResourceTemplate>(
    ctx,
    "resources",
    cursor,
    async (client, c, s) => {
      const page = await client.listResourceTemplates(c ? { cursor: c } : undefined, { signal: s });
      return { items: page.resourceTemplates, nextCursor: page.nextCursor };
    },
    (server, template) => ({ ...template, uriTemplate: namespacedUri(server.slug, template.uriTemplate) }),
    signal,
  );
  return { resourceTemplates: items, ...(nextCursor ? { nextCursor } : {}) };
}

export async function readResource(
  ctx: McpContext,
  params: ReadResourceRequest["params"],
  scope: UpstreamCallScope,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const { server, uri } = resolveResourceServer(ctx, params.uri);
  assertServerAllowed(ctx, server, `Resource ${params.uri}`);
  const result = await onUpstream(ctx, server, scope, (client) => client.readResource({ uri }, { signal }));
  assertResultSize(ctx, result);
  return { ...result, contents: result.contents.map((c) => ({ ...c, uri: clientUri(ctx, server.slug, c.uri) })) };
}
