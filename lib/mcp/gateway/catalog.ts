// Per-org catalog of enabled MCP servers, their discovered tools and the org's MCP policy,
// built once per org and dropped on every org invalidation (server changes, tools refreshed).
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { onInvalidation } from "@/lib/invalidation";
import { compileMcpPolicy, type CompiledMcpPolicy } from "@/lib/mcp/policy/compile";
import { readMcpPolicy } from "@/lib/mcp/policy/schemas";
import { readToolPrices } from "@/lib/mcp/servers/tool-prices";

export type CatalogServer = {
  id: string;
  slug: string;
  name: string;
  /** updatedAt in ms: a pooled upstream session older than this is replaced. */
  version: number;
  pricePerCallUsd: number | null;
  /** Prices of single tools, replacing pricePerCallUsd for them. */
  toolPrices: ReadonlyMap<string, number>;
  tools: ReadonlyMap<string, Tool>;
};

export type McpCatalog = { orgId: string; servers: ReadonlyMap<string, CatalogServer>; orgPolicy: CompiledMcpPolicy };

async function load(orgId: string): Promise<McpCatalog> {
  const [org, servers] = await Promise.all([
    db.organization.findUnique({ where: { id: orgId }, select: { mcpPolicy: true } }),
    db.mcpServer.findMany({
      where: { orgId, enabled: true },
      orderBy: { slug: "asc" },
      select: { id: true, slug: true, name: true, updatedAt: true, pricePerCallUsd: true, toolPrices: true, tools: { orderBy: { name: "asc" } } },
    }),
  ]);
  return {
    orgId,
    orgPolicy: compileMcpPolicy("org", readMcpPolicy(org?.mcpPolicy)),
    servers: new Map(
      servers.map((s) => [
        s.slug,
        {
          id: s.id,
          slug: s.slug,
          name: s.name,
          version: s.updatedAt.getTime(),
          pricePerCallUsd: s.pricePerCallUsd === null ? null : Number(s.pricePerCallUsd.toString()),
          toolPrices: new Map(Object.entries(readToolPrices(s.toolPrices))),
          tools: new Map(
            s.tools.map((t) => [
              t.name,
              {
                name: t.name,
                ...(t.title ? { title: t.title } : {}),
                ...(t.description ? { description: t.description } : {}),
                inputSchema: t.inputSchema as Tool["inputSchema"],
                ...(t.outputSchema ? { outputSchema: t.outputSchema as Tool["outputSchema"] } : {}),
                ...(t.annotations ? { annotations: t.annotations as Tool["annotations"] } : {}),
              } satisfies Tool,
            ]),
          ),
        },
      ]),
    ),
  };
}

const cache = new RefreshingCache<McpCatalog>(load, { max: 1_000, freshMs: env.LATCH_KEY_CACHE_TTL_MS, maxStaleMs: env.LATCH_CACHE_MAX_STALE_MS });

export const getCatalog = (orgId: string) => cache.get(orgId);

onInvalidation((message) => {
  if (message.kind === "org") cache.delete(message.orgId);
  else if (message.kind === "all") cache.clear();
});
