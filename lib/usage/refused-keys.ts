// The Security view's data: keys that are still used after being revoked, expired, suspended or
// rotated out, with where from (IP, user agent) and when, over time. Read from the org's usage
// events, which every such refusal becomes (lib/gateway/door.ts); scoped to the org.
import { Prisma } from "@/lib/db";
import { readDb } from "@/lib/db/replica";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { loadDirectory } from "@/lib/orgs/directory";
import type { Range } from "@/lib/usage/attribution";

export const REFUSED_KEY_CODES = ["key_revoked", "key_expired", "key_suspended", "key_pending", "invalid_api_key"] as const;
const CODES = Prisma.join([...REFUSED_KEY_CODES]);

export type RefusedKeyRow = {
  keyId: string;
  label: string;
  code: string;
  requests: number;
  lastSeen: Date;
  lastIp: string | null;
  lastUserAgent: string | null;
  ips: string[];
  models: string[];
};

export async function refusedKeyUse({ actor, range }: { actor: Actor; range: Range }) {
  requirePermission(actor, "usage.read.all");
  const [rows, series] = await Promise.all([
    readDb.$queryRaw<Omit<RefusedKeyRow, "label">[]>`
      SELECT "keyId", "errorCode" AS code, count(*)::int AS requests, max("createdAt") AS "lastSeen",
        (array_agg("clientIp" ORDER BY "createdAt" DESC))[1] AS "lastIp", (array_agg("userAgent" ORDER BY "createdAt" DESC))[1] AS "lastUserAgent",
        (array_remove(array_agg(DISTINCT "clientIp"), NULL))[1:20] AS ips, (array_remove(array_agg(DISTINCT model), NULL))[1:20] AS models
      FROM "UsageEvent"
      WHERE "orgId" = ${actor.orgId} AND "createdAt" >= ${range.from} AND "createdAt" < ${range.to} AND outcome = 'rejected' AND "keyId" IS NOT NULL AND "errorCode" IN (${CODES})
      GROUP BY 1, 2 ORDER BY "lastSeen" DESC LIMIT 200`,
    readDb.$queryRaw<{ bucket: Date; code: string; requests: number }[]>`
      SELECT date_trunc('day', bucket) AS bucket, "errorCode" AS code, sum(requests)::int AS requests FROM "UsageRollup"
      WHERE "orgId" = ${actor.orgId} AND bucket >= ${range.from} AND bucket < ${range.to} AND outcome = 'rejected' AND "keyId" <> '' AND "errorCode" IN (${CODES})
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  const dir = await loadDirectory(actor.orgId, { keyIds: rows.map((r) => r.keyId) });
  return { keys: rows.map((r) => ({ ...r, label: dir.key(r.keyId) })), series };
}
