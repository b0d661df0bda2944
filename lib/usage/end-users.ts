// Usage by end user (the `user` an app names per request). Read from the events through their
// (orgId, endUser, createdAt) index: end users are deliberately not in the rollups, whose row
// count they would multiply without bound.
import { Prisma } from "@/lib/db";
import { readDb } from "@/lib/db/replica";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range, UsageFilter, UsageTotals } from "@/lib/usage/attribution";

export async function endUserBreakdown({ actor, range, limit = 50, filter = {} }: { actor: Actor; range: Range; limit?: number; filter?: UsageFilter }) {
  requirePermission(actor, "usage.read.all");
  const parts = [
    filter.keyKind ? Prisma.sql`AND "keyKind" = ${filter.keyKind}` : Prisma.empty,
    filter.model ? Prisma.sql`AND model = ${filter.model}` : Prisma.empty,
    ...Object.entries(filter.dimensions ?? {}).map(([name, value]) => Prisma.sql`AND dimensions ->> ${name} = ${value}`),
  ];
  const rows = await readDb.$queryRaw<({ id: string | null } & UsageTotals)[]>`
    SELECT "endUser" AS id, count(*)::int AS requests, sum("inputTokens")::float8 AS "inputTokens", sum("outputTokens")::float8 AS "outputTokens",
      coalesce(sum("costUsd"), 0)::float8 AS "costUsd", (count(*) FILTER (WHERE outcome = 'rejected'))::int AS rejected
    FROM "UsageEvent"
    WHERE "orgId" = ${actor.orgId} AND "endUser" IS NOT NULL AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} ${Prisma.join(parts, " ")}
    GROUP BY 1 ORDER BY "costUsd" DESC, requests DESC LIMIT ${Math.min(limit, 1000)}`;
  return rows;
}
