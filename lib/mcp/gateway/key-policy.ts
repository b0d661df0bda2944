// The MCP policy of a key and of its team, compiled once per key and dropped when the key or
// its org is invalidated (policy edits, revocation, team changes).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { RefreshingCache } from "@/lib/gateway/refreshing-cache";
import { onInvalidation } from "@/lib/invalidation";
import { compileMcpPolicy, type CompiledMcpPolicy } from "@/lib/mcp/policy/compile";
import { readMcpPolicy } from "@/lib/mcp/policy/schemas";

type Entry = { orgId: string; key: CompiledMcpPolicy; team: CompiledMcpPolicy | null };

async function load(keyId: string): Promise<Entry> {
  const row = await db.virtualKey.findUnique({ where: { id: keyId }, select: { orgId: true, mcpPolicy: true, team: { select: { mcpPolicy: true } } } });
  if (!row) return { orgId: "", key: compileMcpPolicy("key", { deniedServers: ["*"] }), team: null };
  return {
    orgId: row.orgId,
    key: compileMcpPolicy("key", readMcpPolicy(row.mcpPolicy)),
    team: row.team?.mcpPolicy ? compileMcpPolicy("team", readMcpPolicy(row.team.mcpPolicy)) : null,
  };
}

const cache = new RefreshingCache<Entry>(load, {
  max: env.LATCH_KEY_CACHE_SIZE,
  freshMs: env.LATCH_KEY_CACHE_TTL_MS,
  maxStaleMs: env.LATCH_CACHE_MAX_STALE_MS,
});

/** Key, team, org: the order refusals are reported in. */
export async function policiesFor(keyId: string, orgPolicy: CompiledMcpPolicy): Promise<{ key: CompiledMcpPolicy; all: CompiledMcpPolicy[] }> {
  const entry = await cache.get(keyId);
  return { key: entry.key, all: [entry.key, ...(entry.team ? [entry.team] : []), orgPolicy] };
}

onInvalidation((message) => {
  if (message.kind === "key") cache.delete(message.keyId);
  else if (message.kind === "all") cache.clear();
  else for (const [id, entry] of [...cache.values()]) if (entry.orgId === message.orgId) cache.delete(id);
});
