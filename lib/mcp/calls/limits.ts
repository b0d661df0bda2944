// Tool-call limits through the same ledger as model requests (lib/policy/limits.ts): a
// per-key calls-per-minute window and concurrency slot on counters of their own, and the price
// per call reserved against the very budgets tokens are counted against.
import { acquireLimits, type Lease } from "@/lib/policy/limits";
import { LatchError } from "@/lib/errors";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { CompiledMcpPolicy } from "@/lib/mcp/policy/compile";
import { flatPrice } from "@/lib/usage/price-rates";
import type { CompiledQuota } from "@/lib/mcp/policy/compile";
import { acquireQuotas, QuotaExceededError, settleQuotas } from "@/lib/mcp/calls/quotas";

export type ToolLease = { settle(charged: boolean): void };

const NO_TOKENS = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 };

/** A refusal naming the rule that fired, for the MCP client (and the model behind it). */
export class ToolLimitError extends Error {
  constructor(
    readonly code: string,
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

function rename(err: unknown, rule: (code: string) => string): never {
  if (err instanceof LatchError && err.status !== 503) throw new ToolLimitError(err.code, rule(err.code), err.message);
  throw err;
}

export async function acquireToolLimits(input: {
  requestId: string;
  key: CachedKey;
  org: OrgSnapshot;
  policy: CompiledMcpPolicy;
  pricePerCallUsd: number | null;
  /** The key's per-period quotas this call counts against. */
  quotas: readonly CompiledQuota[];
  now: number;
}): Promise<ToolLease> {
  const { key, org, policy, now } = input;
  const leases: Lease[] = [];
  let quotas: Lease[] = [];
  const release = () => {
    leases.forEach((l) => l.release());
    settleQuotas(quotas, false);
  };
  try {
    if (input.quotas.length)
      quotas = await acquireQuotas({ requestId: input.requestId, key, org, quotas: input.quotas, now }).catch((err: unknown) => {
        if (err instanceof QuotaExceededError) throw new ToolLimitError("tool_quota_exceeded", err.rule, err.message);
        throw err;
      });
    if (policy.callsPerMinute || policy.maxConcurrent) {
      // Counters of their own (`<key>:mcp`), so tool calls and model requests do not share a window;
      // no budgets here, they are reserved below against the key's real scopes.
      const toolKey: CachedKey = {
        ...key,
        id: `${key.id}:mcp`,
        budgets: [],
        policy: { ...key.policy, rpmLimit: policy.callsPerMinute, tpmLimit: null, maxConcurrent: policy.maxConcurrent, maxRequestCostUsd: null },
      };
      const noBudgets: OrgSnapshot = { ...org, orgBudgets: [], teamBudgets: new Map(), userBudgets: new Map(), allowUnpricedModels: true };
      leases.push(
        await acquireLimits({
          requestId: `${input.requestId}:w`,
          key: toolKey,
          org: noBudgets,
          estimatedInputTokens: 0,
          maxOutputTokens: 0,
          price: null,
          now,
        }).catch((err: unknown) => rename(err, (code) => (code === "concurrency_limit_exceeded" ? "key.maxConcurrent" : "key.callsPerMinute"))),
      );
    }
    if (input.pricePerCallUsd) {
      // One "token" priced at the call's price: the ledger's worst case is then exactly one call.
      const budgetKey: CachedKey = { ...key, policy: { ...key.policy, rpmLimit: null, tpmLimit: null, maxConcurrent: null, maxRequestCostUsd: null } };
      leases.push(
        await acquireLimits({
          requestId: `${input.requestId}:b`,
          key: budgetKey,
          org,
          estimatedInputTokens: 1,
          maxOutputTokens: 0,
          price: flatPrice(input.pricePerCallUsd * 1e6, 0),
          now,
        }).catch((err: unknown) => rename(err, () => "budget")),
      );
    }
  } catch (err) {
    release();
    throw err;
  }
  const [window, budget] =
    input.pricePerCallUsd && leases.length === 2 ? leases : policy.callsPerMinute || policy.maxConcurrent ? [leases[0], undefined] : [undefined, leases[0]];
  return {
    settle(charged) {
      settleQuotas(quotas, charged);
      window?.settle(NO_TOKENS, null);
      if (charged) budget?.settle(NO_TOKENS, input.pricePerCallUsd);
      else budget?.release();
    },
  };
}
