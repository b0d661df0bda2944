// Degrade rules, as stored on a key, a team or the org (JSON) and as the hot path sees them:
// "from X % of a cap, route model A to model B" or "throttle to N requests per minute", applied
// before the hard limit. Parsed once at cache fill; a rule that does not parse is dropped rather
// than failing every request.
import { z } from "zod";
import { compileModelPatterns, type ModelMatcher } from "@/lib/policy/model-glob";
import type { BudgetScope } from "@/lib/policy/budget-rules";

export const DegradeRuleInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** Share of any of the scope's caps (spend or tokens, this period) from which the rule applies. */
    atPercent: z.number().gt(0).max(100),
    /** Requests for a model matching `from` (a model pattern) are sent to the public model `to`. */
    route: z.object({ from: z.string().trim().min(1).max(200), to: z.string().trim().min(1).max(200) }).optional(),
    throttleRpm: z.number().int().positive().max(1_000_000).optional(),
  })
  .refine((r) => r.route || r.throttleRpm, "A rule routes, throttles, or both.");
export type DegradeRuleInput = z.infer<typeof DegradeRuleInput>;
export const DegradeRulesInput = z.array(DegradeRuleInput).max(20);

/** Stored rules as the portal edits them; rules that no longer parse are left out rather than crash a page. */
export const storedDegradeRules = (stored: unknown): DegradeRuleInput[] =>
  Array.isArray(stored) ? stored.flatMap((r) => DegradeRuleInput.safeParse(r).data ?? []) : [];

export type DegradeRule = {
  name: string;
  scope: Exclude<BudgetScope, "user">;
  /** Key, team or org id, so throttles of one scope share a window. */
  scopeId: string;
  atPercent: number;
  route: { from: ModelMatcher; to: string } | null;
  throttleRpm: number | null;
};

export function compileDegradeRules(stored: unknown, scope: DegradeRule["scope"], scopeId: string): DegradeRule[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((raw) => {
    const parsed = DegradeRuleInput.safeParse(raw);
    if (!parsed.success) return [];
    const r = parsed.data;
    return [
      {
        name: r.name,
        scope,
        scopeId,
        atPercent: r.atPercent,
        route: r.route ? { from: compileModelPatterns([r.route.from])!, to: r.route.to } : null,
        throttleRpm: r.throttleRpm ?? null,
      },
    ];
  });
}
