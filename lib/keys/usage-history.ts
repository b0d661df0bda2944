import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { dailyUsageForKey, orgTimeZone, type DailyUsage } from "@/lib/usage/queries-for-keys";

const DAY_MS = 86_400_000;

/** A key's daily spend, requests and tokens over the last `days` days, with empty days filled in. */
export async function getKeyUsageHistory({
  actor,
  keyId,
  days = 30,
  now = Date.now(),
}: {
  actor: Actor;
  keyId: string;
  days?: number;
  now?: number;
}): Promise<DailyUsage[]> {
  requirePermission(actor, "keys.read.own");
  const key = await getKeyOrThrow(actor, keyId, "read");
  const timeZone = await orgTimeZone(actor.orgId);
  const since = new Date(now - (days - 1) * DAY_MS);
  since.setUTCHours(0, 0, 0, 0);
  const rows = new Map((await dailyUsageForKey(actor.orgId, key.id, timeZone, new Date(since.getTime() - DAY_MS))).map((r) => [r.day, r]));
  const dayOf = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return Array.from({ length: days }, (_, i) => {
    const day = dayOf.format(now - (days - 1 - i) * DAY_MS);
    return rows.get(day) ?? { day, spendUsd: 0, requests: 0, tokens: 0 };
  });
}
