// The last requests of one key or person: metadata only (prompts and responses are never stored).
import { readDb } from "@/lib/db/replica";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";

export async function recentRequests({ actor, filter, take = 50 }: { actor: Actor; filter: { keyId?: string; userId?: string }; take?: number }) {
  requirePermission(actor, "usage.read.all");
  if (!filter.keyId && !filter.userId) throw new InvalidRequestError("Pick a key or a person.", null);
  const rows = await readDb.usageEvent.findMany({
    where: { orgId: actor.orgId, ...(filter.keyId ? { keyId: filter.keyId } : {}), ...(filter.userId ? { userId: filter.userId } : {}) },
    select: {
      id: true,
      createdAt: true,
      keyId: true,
      endpoint: true,
      provider: true,
      model: true,
      status: true,
      outcome: true,
      errorCode: true,
      inputTokens: true,
      outputTokens: true,
      cachedInputTokens: true,
      cacheWrite5mTokens: true,
      cacheWrite1hTokens: true,
      reasoningTokens: true,
      estimated: true,
      costUsd: true,
      latencyMs: true,
      stream: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(take, 200),
  });
  return rows.map(({ cacheWrite5mTokens, cacheWrite1hTokens, ...r }) => ({
    ...r,
    cacheWriteTokens: cacheWrite5mTokens + cacheWrite1hTokens,
    createdAt: r.createdAt.toISOString(),
    costUsd: r.costUsd === null ? null : Number(r.costUsd),
  }));
}
