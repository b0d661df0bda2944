// Pure guardrail checks, shared by the server verbs (authoritative) and the create form (live
// hints). No I/O: counts such as the requester's active keys come in through `context`.
import { compileModelPatterns } from "@/lib/policy/model-glob";
import type { Exceeded, GuardrailField, Guardrails, KeyValues, SpendPeriod } from "@/lib/guardrails/schemas";

export type KeyAsk = KeyValues & { teamId?: string | null };
export type Evaluation = {
  withinLimits: boolean;
  exceeded: Exceeded[];
  /** The subset of `exceeded` the org's approval rules refuse outright (cannot even be requested). */
  forbidden: Exceeded[];
};

const PERIOD_DAYS: Record<SpendPeriod, number> = { daily: 1, weekly: 7, monthly: 30, lifetime: 30 };

/** A cap's 30-day equivalent. A lifetime cap can never spend more than its amount, so it counts once. */
export const monthlyEquivalent = (usd: number, period: SpendPeriod) => (usd * 30) / PERIOD_DAYS[period];

const bare = (p: string) => (p.includes("/") ? p.slice(p.indexOf("/") + 1) : p);

/**
 * Whether every model `requested` can match is also matched by one of `allowed`. Model names
 * never contain "*", so a requested wildcard is covered only when an allowed wildcard absorbs it
 * (`gpt-*` covers `gpt-4o*`; `gpt-4o*` does not cover `gpt-*`).
 */
export function isCovered(requested: string, allowed: readonly string[]): boolean {
  const matcher = compileModelPatterns(allowed);
  return matcher === null || matcher(requested, bare(requested));
}

/** Models asked for that the allowlist does not cover; an empty ask means "every model". */
function uncoveredModels(asked: readonly string[], allowed: readonly string[]): string[] | null {
  if (allowed.length === 0) return [];
  if (asked.length === 0) return null;
  return asked.filter((m) => !isCovered(m, allowed));
}

/** A numeric cap where null means unlimited: is `asked` above `max`? */
const overCap = (asked: number | null, max: number | null) => max !== null && (asked === null || asked > max);

export function evaluateAgainstGuardrails(ask: KeyAsk, guardrails: Guardrails, context: { activeKeys?: number } = {}): Evaluation {
  const { limits } = guardrails;
  const exceeded: Exceeded[] = [];

  const uncovered = uncoveredModels(ask.models, limits.allowedModels);
  if (uncovered === null || uncovered.length > 0) exceeded.push({ field: "models", asked: uncovered ?? [], allowed: limits.allowedModels });

  const monthly = ask.spendCapUsd === null ? null : monthlyEquivalent(ask.spendCapUsd, ask.spendPeriod);
  // A tolerance of a millionth of a cent, so $10 a day does not fail a $300/month maximum on rounding.
  if (limits.maxMonthlySpendUsd !== null && (monthly === null || monthly > limits.maxMonthlySpendUsd + 1e-8))
    exceeded.push({ field: "spendCapUsd", asked: monthly, allowed: limits.maxMonthlySpendUsd });

  if (overCap(ask.rpmLimit, limits.maxRpm)) exceeded.push({ field: "rpmLimit", asked: ask.rpmLimit, allowed: limits.maxRpm });
  if (overCap(ask.tpmLimit, limits.maxTpm)) exceeded.push({ field: "tpmLimit", asked: ask.tpmLimit, allowed: limits.maxTpm });

  if (ask.expiresInDays === null ? !limits.allowNoExpiry : overCap(ask.expiresInDays, limits.maxLifetimeDays))
    exceeded.push({ field: "expiresInDays", asked: ask.expiresInDays, allowed: limits.maxLifetimeDays });

  if (context.activeKeys !== undefined && overCap(context.activeKeys + 1, limits.maxActiveKeys))
    exceeded.push({ field: "activeKeys", asked: context.activeKeys + 1, allowed: limits.maxActiveKeys });

  if (ask.teamId && !limits.allowTeamKeys) exceeded.push({ field: "teamKey", asked: true, allowed: false });

  // Tools follow the models' rule (patterns covered by the allowlist; empty asks for every tool).
  const tools = ask.tools === undefined ? [] : uncoveredModels(ask.tools, limits.allowedTools);
  if (tools === null || tools.length > 0) exceeded.push({ field: "tools", asked: tools ?? [], allowed: limits.allowedTools });

  return {
    withinLimits: exceeded.length === 0,
    exceeded,
    forbidden: exceeded.filter((e) => guardrails.approval[e.field] === "forbidden"),
  };
}

/** Fields in which `next` grants more than `base` (null caps are unlimited, empty models are all). */
export function looserFields(next: KeyValues, base: KeyValues): GuardrailField[] {
  const out: GuardrailField[] = [];
  if (base.models.length > 0 && (next.models.length === 0 || next.models.some((m) => !isCovered(m, base.models)))) out.push("models");
  const spend = (v: KeyValues) => (v.spendCapUsd === null ? null : monthlyEquivalent(v.spendCapUsd, v.spendPeriod));
  const baseSpend = spend(base);
  const nextSpend = spend(next);
  if (baseSpend !== null && (nextSpend === null || nextSpend > baseSpend + 1e-8)) out.push("spendCapUsd");
  if (overCap(next.rpmLimit, base.rpmLimit)) out.push("rpmLimit");
  if (overCap(next.tpmLimit, base.tpmLimit)) out.push("tpmLimit");
  if (overCap(next.expiresInDays, base.expiresInDays)) out.push("expiresInDays");
  // An ask silent on tools changes none; a base without a tool list already has every tool.
  if (next.tools !== undefined && base.tools?.length && (next.tools.length === 0 || next.tools.some((t) => !isCovered(t, base.tools!)))) out.push("tools");
  return out;
}

/**
 * An edit is judged only on what it loosens: a key granted above the maximum by an approver
 * can still be renamed or tightened without asking again.
 */
export function evaluateChange(next: KeyValues, current: KeyValues, guardrails: Guardrails): Evaluation {
  const loosened = new Set(looserFields(next, current));
  const full = evaluateAgainstGuardrails(next, guardrails);
  const exceeded = full.exceeded.filter((e) => loosened.has(e.field));
  return { withinLimits: exceeded.length === 0, exceeded, forbidden: full.forbidden.filter((e) => loosened.has(e.field)) };
}
