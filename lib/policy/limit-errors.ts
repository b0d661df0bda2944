// How limit outcomes are told to the client: OpenAI's x-ratelimit-* headers, and budget errors
// that say which limit fired. Amounts are shown only for scopes the caller owns (key, user).
import { LatchError } from "@/lib/errors";
import { periodWindow } from "@/lib/policy/periods";
import { NANO_PER_USD, type BudgetRule } from "@/lib/policy/budget-rules";
import type { WindowState } from "@/lib/policy/ledger/types";

/** OpenAI's duration format: "1s", "6m0s", "1h2m3s". */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export function rateLimitHeaders(requests: WindowState | null, tokens: WindowState | null, now: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [suffix, w] of [
    ["requests", requests],
    ["tokens", tokens],
  ] as const) {
    if (!w) continue;
    headers[`x-ratelimit-limit-${suffix}`] = String(w.limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(w.remaining);
    headers[`x-ratelimit-reset-${suffix}`] = formatResetDuration(w.reset - now);
  }
  return headers;
}

const SCOPE_NAMES = { key: "this key's", user: "your", team: "your team's", org: "your organisation's", dimension: "the" } as const;

export function budgetExceeded(rule: BudgetRule, r: { org: { timeZone: string }; now: number }, used: number): LatchError {
  const { end } = periodWindow(rule.period, r.org.timeZone, r.now);
  const owned = rule.scope === "key" || rule.scope === "user";
  const spend = rule.kind === "spend";
  const toUnits = (n: number) => (spend ? n / NANO_PER_USD : n);
  const what = spend ? `${rule.period} spend cap` : `${rule.period} token quota`;
  return new LatchError({
    status: 429,
    type: "rate_limit_error",
    code: spend ? "budget_exceeded" : "token_quota_exceeded",
    message: `Request refused: it could exceed ${SCOPE_NAMES[rule.scope]} ${rule.dimension ? `${rule.dimension.name} = ${rule.dimension.value} ` : ""}${what}${end ? `, which resets at ${new Date(end).toISOString()}` : ""}.`,
    retryable: false,
    details: {
      scope: rule.scope,
      ...(rule.dimension ? { dimension: rule.dimension.name, value: rule.dimension.value } : {}),
      period: rule.period,
      resets_at: end ? new Date(end).toISOString() : null,
      ...(owned ? { limit: toUnits(rule.limit), used: toUnits(used), unit: spend ? "usd" : "tokens" } : {}),
    },
  });
}

export const BUDGET_REMAINING_HEADER = "x-latch-budget-remaining-usd";

/**
 * What the tightest spend cap has left once this request is counted at `amounts` (nano-USD per
 * budget: the worst case while it runs, the actual cost once settled). None without a spend cap.
 */
export function budgetRemainingHeaders(
  rules: readonly BudgetRule[],
  limits: readonly number[],
  committed: readonly number[],
  amounts: readonly number[],
): Record<string, string> {
  let tightest: number | null = null;
  rules.forEach((rule, i) => {
    if (rule.kind !== "spend") return;
    const left = limits[i]! - (committed[i] ?? 0) - (amounts[i] ?? 0);
    tightest = tightest === null ? left : Math.min(tightest, left);
  });
  return tightest === null ? {} : { [BUDGET_REMAINING_HEADER]: (Math.max(0, tightest) / NANO_PER_USD).toFixed(8) };
}
