// Per-period tool-call quotas (calls per day and month, for every tool or for the tools a glob
// matches), on the limits machinery's ledger: each quota is a one-"token"-per-call budget of a
// counter of its own, reserved before the call and kept only when the upstream answered. After
// a Redis loss its counter is rebuilt from the recorded ToolCallEvent rows, like spend from usage.
import { db, Prisma } from "@/lib/db";
import { LatchError } from "@/lib/errors";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import { registerSettledSource } from "@/lib/policy/budget-base";
import { acquireLimits, type Lease } from "@/lib/policy/limits";
import { compileModelPatterns } from "@/lib/policy/model-glob";
import type { CompiledQuota } from "@/lib/mcp/policy/compile";

const PREFIX = "mcp-calls:";
const ONE_CALL = { inputTokens: 1, outputTokens: 0, cachedInputTokens: 0 };
const ruleId = (keyId: string, q: CompiledQuota) => `${PREFIX}${keyId}:${q.period}:${q.pattern}`;

export class QuotaExceededError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reserves one call on each quota; all or none. */
export async function acquireQuotas(input: {
  requestId: string;
  key: CachedKey;
  org: OrgSnapshot;
  quotas: readonly CompiledQuota[];
  now: number;
}): Promise<Lease[]> {
  const leases: Lease[] = [];
  const org: OrgSnapshot = { ...input.org, orgBudgets: [], teamBudgets: new Map(), userBudgets: new Map(), allowUnpricedModels: true };
  try {
    for (const [i, q] of input.quotas.entries()) {
      const key: CachedKey = {
        ...input.key,
        id: `${input.key.id}:mcp:q`,
        budgets: [{ id: ruleId(input.key.id, q), scope: "key", kind: "tokens", period: q.period, limit: q.limit }],
        policy: { ...input.key.policy, rpmLimit: null, tpmLimit: null, maxConcurrent: null, maxRequestCostUsd: null },
      };
      const lease = await acquireLimits({
        requestId: `${input.requestId}:q${i}`,
        key,
        org,
        estimatedInputTokens: 1,
        maxOutputTokens: 0,
        price: null,
        now: input.now,
      }).catch((err: unknown) => {
        if (err instanceof LatchError && err.status === 429)
          throw new QuotaExceededError(
            q.rule,
            `the quota of ${q.limit} calls per ${q.period === "daily" ? "day" : "month"} is used up until the period resets.`,
          );
        throw err;
      });
      leases.push(lease);
    }
  } catch (err) {
    for (const l of leases) l.release();
    throw err;
  }
  return leases;
}

export const settleQuotas = (leases: readonly Lease[], charged: boolean) => {
  for (const l of leases) charged ? l.settle(ONE_CALL, null) : l.release();
};

// Calls that reached the upstream: answered (ok, tool error, JSON-RPC error) or refused after it answered.
const CHARGED = Prisma.sql`("outcome" IN ('ok', 'tool_error') OR "errorCode" LIKE 'jsonrpc_%' OR "bytesOut" > 0)`;

registerSettledSource(PREFIX, async (rule, ids, start, end) => {
  const [keyId, , ...rest] = rule.id.slice(PREFIX.length).split(":");
  const pattern = rest.join(":");
  const rows = await db.$queryRaw<{ serverSlug: string; tool: string; n: bigint }[]>`
    SELECT "serverSlug", "tool", COUNT(*) AS n FROM "ToolCallEvent"
    WHERE "orgId" = ${ids.orgId} AND "keyId" = ${keyId} AND "createdAt" >= ${new Date(start)}
      ${end === null ? Prisma.empty : Prisma.sql`AND "createdAt" < ${new Date(end)}`} AND ${CHARGED}
    GROUP BY "serverSlug", "tool"`;
  const matches = pattern === "*" ? null : compileModelPatterns([pattern]);
  return rows.reduce((n, r) => (matches === null || matches(`${r.serverSlug}/${r.tool}`, r.tool) ? n + Number(r.n) : n), 0);
});
