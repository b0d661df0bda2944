// Data-classification findings over time, by team, key and detector class: the admin console's
// findings chart. Read from UsageEvent.findings (classes and counts; the text is never stored).
// Scoped like the usage breakdowns: the actor's org, and their own keys unless they may read all.
import { Prisma } from "@/lib/db";
import { readDb } from "@/lib/db/replica";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";
import type { Range } from "@/lib/usage/attribution";
import { bucketStarts, type DashboardRange } from "@/lib/usage/dashboard-range";
import type { StackedData, WideRow } from "@/lib/usage/dashboard";

export type FindingsRow = {
  bucket: Date;
  teamId: string | null;
  teamName: string | null;
  keyId: string | null;
  keyName: string | null;
  /** What the policy did: block, redact or log_only. */
  action: string;
  /** The detector class, e.g. "credit_card" or an org pattern's name. */
  detector: string;
  /** Matches found, and requests they were found in. */
  findings: number;
  requests: number;
};

export async function findingsByTeamAndKey({
  actor,
  range,
  granularity = "day",
}: {
  actor: Actor;
  range: Range;
  granularity?: "day" | "hour";
}): Promise<FindingsRow[]> {
  requirePermission(actor, "usage.read.own");
  if (!(range.from < range.to)) throw new InvalidRequestError("`from` must be before `to`.", "from");
  const own = !can(actor, "usage.read.all");
  if (own && actor.kind !== "user") throw new InvalidRequestError("This token cannot read usage.", null);
  const mine = own && actor.kind === "user" ? Prisma.sql`AND e."userId" = ${actor.userId}` : Prisma.empty;
  // The (orgId, createdAt) index narrows the range; findings are rare, so the filter is cheap.
  return readDb.$queryRaw<FindingsRow[]>`
    SELECT date_trunc(${granularity}, e."createdAt") AS bucket, e."teamId", t.name AS "teamName", e."keyId", k.name AS "keyName",
      e.findings->>'action' AS action, f.key AS detector, sum(f.value::int)::int AS findings, count(*)::int AS requests
    FROM "UsageEvent" e
    CROSS JOIN LATERAL jsonb_each_text(e.findings->'classes') AS f
    LEFT JOIN "Team" t ON t.id = e."teamId"
    LEFT JOIN "VirtualKey" k ON k.id = e."keyId"
    WHERE e."orgId" = ${actor.orgId} AND e."createdAt" >= ${range.from} AND e."createdAt" < ${range.to} AND e.findings IS NOT NULL ${mine}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 3 NULLS FIRST, 5, 7`;
}

export type FindingsTableRow = {
  bucket: string;
  team: string;
  key: string;
  keyId: string | null;
  detector: string;
  action: string;
  findings: number;
  requests: number;
};

/**
 * The admin chart: findings per bucket stacked by team (series `s0`, `s1`… as the other stacked
 * charts use), and the per-key table under it. Plain JSON for client components.
 */
export async function findingsOverTime({ actor, range }: { actor: Actor; range: DashboardRange }): Promise<StackedData & { table: FindingsTableRow[] }> {
  const rows = await findingsByTeamAndKey({ actor, range, granularity: range.granularity });
  const teamOf = (r: FindingsRow) => r.teamName ?? "No team";
  const series = [...new Set(rows.map(teamOf))].map((label, i) => ({ key: `s${i}`, label }));
  const keyOf = new Map(series.map((s) => [s.label, s.key]));
  const wide = new Map(
    bucketStarts(range).map((b) => [b.toISOString(), { bucket: b.toISOString(), ...Object.fromEntries(series.map((s) => [s.key, 0])) } as WideRow]),
  );
  for (const r of rows) {
    const row = wide.get(r.bucket.toISOString());
    const k = keyOf.get(teamOf(r))!;
    if (row) row[k] = (row[k] as number) + r.findings;
  }
  const table = rows.map((r) => ({
    bucket: r.bucket.toISOString(),
    team: teamOf(r),
    key: r.keyName ?? "deleted key",
    keyId: r.keyId,
    detector: r.detector,
    action: r.action,
    findings: r.findings,
    requests: r.requests,
  }));
  return { series, rows: [...wide.values()], table };
}
