// The admin dashboards' data: the rollup queries of lib/usage/attribution.ts with ids turned
// into names and rows shaped for charts (one row per bucket, one column per series) and for
// their tables and CSV files. Everything returned is plain JSON, ready for client components.
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { loadDirectory, type Directory } from "@/lib/orgs/directory";
import { listBudgetUtilisation, type Utilisation } from "@/lib/budgets/utilisation";
import { degradedTimeseries, rejectionTimeseries, usageBreakdown, usageTimeseries, type UsageFilter } from "@/lib/usage/attribution";
import { degradedByRule } from "@/lib/usage/degraded";
import { bucketStarts, type DashboardRange, type Stack } from "@/lib/usage/dashboard-range";

export type Series = { key: string; label: string };
/** Wide rows for a stacked chart: series values under `s0`, `s1`… (model names may contain dots, which chart paths would misread). */
export type WideRow = { bucket: string } & Record<string, number | string>;
export type StackedData = { series: Series[]; rows: WideRow[] };

const label = (dir: Directory, stack: Stack, id: string) =>
  stack === "team" ? dir.team(id || null) : id || (stack.startsWith("dimension:") ? "unattributed" : "unknown");

function widen(range: DashboardRange, points: { bucket: Date; label: string; value: number }[]): StackedData {
  const labels = [...new Set(points.map((p) => p.label))];
  const series = labels.map((l, i) => ({ key: `s${i}`, label: l }));
  const keyOf = new Map(series.map((s) => [s.label, s.key]));
  const rows = new Map(
    bucketStarts(range).map((b) => [b.toISOString(), { bucket: b.toISOString(), ...Object.fromEntries(series.map((s) => [s.key, 0])) } as WideRow]),
  );
  for (const p of points) {
    const row = rows.get(p.bucket.toISOString());
    const k = keyOf.get(p.label)!;
    if (row) row[k] = (row[k] as number) + p.value;
  }
  return { series, rows: [...rows.values()] };
}

export async function spendOverTime({ actor, range, stack, filter }: { actor: Actor; range: DashboardRange; stack: Stack; filter?: UsageFilter }) {
  const points = await usageTimeseries({ actor, range, granularity: range.granularity, stackBy: stack, filter });
  const dir = await loadDirectory(actor.orgId, { teamIds: stack === "team" ? points.map((p) => p.series) : [] });
  const labelled = points.map((p) => ({ ...p, label: label(dir, stack, p.series) }));
  const table = labelled.map((p) => ({
    bucket: p.bucket.toISOString(),
    series: p.label,
    costUsd: p.costUsd ?? 0,
    requests: p.requests,
    tokens: (p.inputTokens ?? 0) + (p.outputTokens ?? 0),
  }));
  return {
    ...widen(
      range,
      labelled.map((p) => ({ bucket: p.bucket, label: p.label, value: p.costUsd ?? 0 })),
    ),
    table,
  };
}

export type SpenderRow = {
  id: string | null;
  label: string;
  costUsd: number;
  requests: number;
  tokens: number;
  capUsd: number | null;
  capPeriod: string | null;
  capUsedUsd: number | null;
  utilisation: number | null;
};

/** Top keys, users or teams by spend in the range, each beside its spend cap and how much of the cap's current period is used. */
/** `budgets` lets a page that already loaded the utilisation share it between its tables. */
export async function topSpenders({
  actor,
  range,
  by,
  limit = 10,
  budgets,
}: {
  actor: Actor;
  range: DashboardRange;
  by: "key" | "user" | "team";
  limit?: number;
  budgets?: Promise<Utilisation[]>;
}): Promise<SpenderRow[]> {
  requirePermission(actor, "usage.read.all");
  const [rows, caps] = await Promise.all([usageBreakdown({ actor, range, groupBy: by, limit }), budgets ?? listBudgetUtilisation({ actor })]);
  const dir = await loadDirectory(actor.orgId, { [`${by}Ids`]: rows.map((r) => r.id) });
  return rows.map((r) => {
    const cap = caps.find((b) => b.scope === by && b.kind === "spend" && b.targetId === r.id);
    return {
      id: r.id,
      label: dir[by](r.id),
      costUsd: r.costUsd ?? 0,
      requests: r.requests,
      tokens: (r.inputTokens ?? 0) + (r.outputTokens ?? 0),
      capUsd: cap?.limit ?? null,
      capPeriod: cap?.period ?? null,
      capUsedUsd: cap?.used ?? null,
      utilisation: cap ? cap.ratio : null,
    };
  });
}

/** Rejected requests per bucket by reason (chart), and per key and reason (table): which keys hit limits. */
export async function rejectionsOverTime({ actor, range, filter }: { actor: Actor; range: DashboardRange; filter?: UsageFilter }) {
  const points = await rejectionTimeseries({ actor, range, granularity: range.granularity, filter });
  const dir = await loadDirectory(actor.orgId, { keyIds: points.map((p) => p.keyId) });
  const table = points.map((p) => ({
    bucket: p.bucket.toISOString(),
    reason: p.reason || "unknown",
    key: dir.key(p.keyId || null),
    keyId: p.keyId || null,
    requests: p.requests,
  }));
  return {
    ...widen(
      range,
      points.map((p) => ({ bucket: p.bucket, label: p.reason || "unknown", value: p.requests })),
    ),
    table,
  };
}

/** Requests degrade rules routed or throttled: per bucket by model used (chart), per rule and model change (table). */
export async function degradedOverTime({ actor, range }: { actor: Actor; range: DashboardRange }) {
  const points = await degradedTimeseries({ actor, range, granularity: range.granularity });
  const table = points.length ? await degradedByRule({ actor, range }) : [];
  return {
    ...widen(
      range,
      points.map((p) => ({ bucket: p.bucket, label: p.model || "unknown", value: p.requests })),
    ),
    table: table.map((r) => ({ ...r, requestedModel: r.requestedModel ?? "—", model: r.model ?? "—" })),
  };
}

/** Usage split by one dimension (models used by a key, keys of a person…), labelled. */
export async function usageSplit({
  actor,
  range,
  by,
  filter,
}: {
  actor: Actor;
  range: DashboardRange;
  by: "model" | "key" | "provider";
  filter?: UsageFilter;
}) {
  const rows = await usageBreakdown({ actor, range, groupBy: by, limit: 100, filter });
  const dir = by === "key" ? await loadDirectory(actor.orgId, { keyIds: rows.map((r) => r.id) }) : null;
  return rows.map((r) => ({
    id: r.id,
    label: dir ? dir.key(r.id) : (r.id ?? "unknown"),
    costUsd: r.costUsd ?? 0,
    requests: r.requests,
    tokens: (r.inputTokens ?? 0) + (r.outputTokens ?? 0),
    rejected: r.rejected,
  }));
}
