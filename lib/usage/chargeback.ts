// The monthly chargeback report: one line per value of an attribution dimension (cost_center
// by default) with spend, tokens, requests, its top keys and models, and its budget if it has
// one. Read from the rollups like every chart, so each line equals the sum of its events; the
// month is the org's calendar month, and requests without a value form their own line.
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { InvalidRequestError } from "@/lib/errors";
import { loadDirectory } from "@/lib/orgs/directory";
import { periodWindow } from "@/lib/policy/periods";
import { usageBreakdown, usageCrossTab, type UsageTotals } from "@/lib/usage/attribution";
import { orgTimeZone } from "@/lib/usage/queries-for-keys";

type Ranked = { id: string; label: string; costUsd: number; requests: number; tokens: number };
export type ChargebackLine = UsageTotals & {
  value: string | null;
  topKeys: Ranked[];
  topModels: Ranked[];
  budget: { limitUsd: number; period: string } | null;
};
export type ChargebackReport = { month: string; dimension: string; from: Date; to: Date; lines: ChargebackLine[]; total: UsageTotals };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new InvalidRequestError("`month` must be YYYY-MM.", "month");
  const w = periodWindow("monthly", timeZone, Date.UTC(Number(m[1]), Number(m[2]) - 1, 15));
  return { from: new Date(w.start), to: new Date(w.end!) };
}

const rank = (
  rows: { id: string; label: string; costUsd: number | null; requests: number; inputTokens: number; outputTokens: number }[],
  top: number,
): Ranked[] =>
  rows
    .slice(0, top)
    .map((r) => ({ id: r.id, label: r.label, costUsd: r.costUsd ?? 0, requests: r.requests, tokens: (r.inputTokens ?? 0) + (r.outputTokens ?? 0) }));

export async function chargebackReport({
  actor,
  month,
  dimension = "cost_center",
  top = 5,
}: {
  actor: Actor;
  month: string;
  dimension?: string;
  top?: number;
}): Promise<ChargebackReport> {
  requirePermission(actor, "usage.read.all");
  const range = monthRange(month, await orgTimeZone(actor.orgId));
  const groupBy = `dimension:${dimension}` as const;
  const [lines, byKey, byModel, budgets] = await Promise.all([
    usageBreakdown({ actor, range, groupBy, limit: 1000 }),
    usageCrossTab({ actor, range, first: groupBy, second: "key" }),
    usageCrossTab({ actor, range, first: groupBy, second: "model" }),
    db.budget.findMany({
      where: { orgId: actor.orgId, scope: "dimension", dimensionName: dimension, kind: "spend" },
      select: { dimensionValue: true, limit: true, period: true },
    }),
  ]);
  const dir = await loadDirectory(actor.orgId, { keyIds: byKey.map((r) => r.b || null) });
  const of = <T extends { a: string }>(rows: T[], value: string | null) => rows.filter((r) => r.a === (value ?? ""));
  const total: UsageTotals = { requests: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, rejected: 0 };
  for (const l of lines) for (const k of Object.keys(total) as (keyof UsageTotals)[]) total[k] += l[k] ?? 0;
  return {
    month,
    dimension,
    ...range,
    total,
    lines: lines.map((l) => {
      const budget = budgets.find((b) => b.dimensionValue === l.id);
      return {
        ...l,
        costUsd: l.costUsd ?? 0,
        value: l.id,
        topKeys: rank(
          of(byKey, l.id).map((r) => ({ ...r, id: r.b, label: dir.key(r.b || null) })),
          top,
        ),
        topModels: rank(
          of(byModel, l.id).map((r) => ({ ...r, id: r.b, label: r.b || "unknown" })),
          top,
        ),
        budget: budget ? { limitUsd: Number(budget.limit), period: budget.period } : null,
      };
    }),
  };
}
