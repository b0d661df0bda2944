// What the degrade rules did in a range: per rule and model change, how many requests and what
// they cost. Read from the events (rule names are not part of the rollups' key), and only when
// the rollups say something was degraded, so a dashboard without degrade rules pays nothing.
import { readDb } from "@/lib/db/replica";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range } from "@/lib/usage/attribution";

export type DegradedRow = { rules: string; requestedModel: string | null; model: string | null; requests: number; refused: number; costUsd: number };

export async function degradedByRule({ actor, range, limit = 50 }: { actor: Actor; range: Range; limit?: number }): Promise<DegradedRow[]> {
  requirePermission(actor, "usage.read.all");
  return readDb.$queryRaw<DegradedRow[]>`
    SELECT "degradedBy" AS rules, "requestedModel", model, count(*)::int AS requests,
      (count(*) FILTER (WHERE outcome = 'rejected'))::int AS refused, coalesce(sum("costUsd"), 0)::float8 AS "costUsd"
    FROM "UsageEvent"
    WHERE "orgId" = ${actor.orgId} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} AND "degradedBy" IS NOT NULL
    GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT ${limit}`;
}
