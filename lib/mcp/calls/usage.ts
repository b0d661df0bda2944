// Tool-call usage for the usage API and the admin charts, read from ToolCallEvent: calls,
// refusals, errors and cost by server and tool, and calls over time by outcome. Scoped like the
// usage breakdowns: the actor's org, and their own calls unless they may read all usage.
import { db, Prisma } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";
import type { Range } from "@/lib/usage/attribution";
import { bucketStarts, type DashboardRange } from "@/lib/usage/dashboard-range";
import type { StackedData, WideRow } from "@/lib/usage/dashboard";

export type ToolUsageRow = {
  server: string;
  tool: string;
  calls: number;
  ok: number;
  toolErrors: number;
  refused: number;
  upstreamErrors: number;
  costUsd: number;
};
export type ToolUsageTotals = Omit<ToolUsageRow, "server" | "tool">;

function scope(actor: Actor, range: Range): Prisma.Sql {
  requirePermission(actor, "usage.read.own");
  if (!(range.from < range.to)) throw new InvalidRequestError("`start` must be before `end`.", "start");
  const own = !can(actor, "usage.read.all");
  if (own && actor.kind !== "user") throw new InvalidRequestError("This token cannot read usage.", null);
  const mine = own && actor.kind === "user" ? Prisma.sql`AND "userId" = ${actor.userId}` : Prisma.empty;
  return Prisma.sql`"orgId" = ${actor.orgId} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} ${mine}`;
}

const COUNTS = Prisma.sql`COUNT(*)::int AS calls,
  (COUNT(*) FILTER (WHERE "outcome" = 'ok'))::int AS ok,
  (COUNT(*) FILTER (WHERE "outcome" = 'tool_error'))::int AS "toolErrors",
  (COUNT(*) FILTER (WHERE "outcome" = 'refused'))::int AS refused,
  (COUNT(*) FILTER (WHERE "outcome" = 'upstream_error'))::int AS "upstreamErrors",
  COALESCE(SUM("costUsd"), 0)::float8 AS "costUsd"`;

export async function toolUsage({ actor, range, limit = 100 }: { actor: Actor; range: Range; limit?: number }) {
  const where = scope(actor, range);
  const [totals] = await db.$queryRaw<ToolUsageTotals[]>`SELECT ${COUNTS} FROM "ToolCallEvent" WHERE ${where}`;
  const byTool = await db.$queryRaw<ToolUsageRow[]>`
    SELECT "serverSlug" AS server, "tool", ${COUNTS} FROM "ToolCallEvent" WHERE ${where}
    GROUP BY "serverSlug", "tool" ORDER BY calls DESC, "serverSlug", "tool" LIMIT ${limit}`;
  return { totals: totals!, byTool };
}

const OUTCOME_LABELS: Record<string, string> = { ok: "OK", tool_error: "Tool error", refused: "Refused", upstream_error: "Upstream error" };

/** Calls per bucket stacked by outcome, for the dashboard's chart, plus its table. */
export async function toolCallsOverTime({
  actor,
  range,
}: {
  actor: Actor;
  range: DashboardRange;
}): Promise<StackedData & { table: { bucket: string; outcome: string; calls: number }[] }> {
  const where = scope(actor, range);
  const unit = range.granularity === "hour" ? "hour" : "day";
  const points = await db.$queryRaw<{ bucket: Date; outcome: string; calls: number }[]>`
    SELECT date_trunc(${unit}, "createdAt") AS bucket, "outcome", COUNT(*)::int AS calls FROM "ToolCallEvent" WHERE ${where}
    GROUP BY 1, 2 ORDER BY 1`;
  const series = Object.entries(OUTCOME_LABELS)
    .filter(([outcome]) => points.some((p) => p.outcome === outcome))
    .map(([outcome, label]) => ({ key: outcome, label }));
  const rows = new Map(
    bucketStarts(range).map((b) => [b.toISOString(), { bucket: b.toISOString(), ...Object.fromEntries(series.map((s) => [s.key, 0])) } as WideRow]),
  );
  for (const p of points) {
    const row = rows.get(p.bucket.toISOString());
    if (row && p.outcome in row) row[p.outcome] = (row[p.outcome] as number) + p.calls;
  }
  const table = points.map((p) => ({ bucket: p.bucket.toISOString(), outcome: OUTCOME_LABELS[p.outcome] ?? p.outcome, calls: p.calls }));
  return { series, rows: [...rows.values()], table };
}
