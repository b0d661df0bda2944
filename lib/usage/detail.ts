// The per-key and per-person usage pages: who it is, usage over time by model, the models (and
// keys) used, rejections, and the last requests — all narrowed to that key or person.
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { getMemberOrThrow } from "@/lib/teams/queries";
import { usageTokenClasses, usageTotals, type UsageFilter } from "@/lib/usage/attribution";
import { rejectionsOverTime, spendOverTime, usageSplit } from "@/lib/usage/dashboard";
import type { DashboardRange } from "@/lib/usage/dashboard-range";
import { recentRequests } from "@/lib/usage/recent-requests";

async function detail(actor: Actor, range: DashboardRange, filter: UsageFilter, withKeys: boolean) {
  const [totals, series, models, keys, rejections, recent, classes] = await Promise.all([
    usageTotals({ actor, range, filter }),
    spendOverTime({ actor, range, stack: "model", filter }),
    usageSplit({ actor, range, by: "model", filter }),
    withKeys ? usageSplit({ actor, range, by: "key", filter }) : Promise.resolve([]),
    rejectionsOverTime({ actor, range, filter }),
    recentRequests({ actor, filter }),
    usageTokenClasses({ actor, range, filter }),
  ]);
  return { totals, series, models, keys, rejections, recent, classes };
}

export async function keyUsageDetail({ actor, keyId, range }: { actor: Actor; keyId: string; range: DashboardRange }) {
  requirePermission(actor, "usage.read.all");
  const key = await getKeyOrThrow(actor, keyId, "read");
  return { key, ...(await detail(actor, range, { keyId: key.id }, false)) };
}

export async function userUsageDetail({ actor, userId, range }: { actor: Actor; userId: string; range: DashboardRange }) {
  requirePermission(actor, "usage.read.all");
  const member = await getMemberOrThrow(actor, userId);
  return { member, ...(await detail(actor, range, { userId: member.userId }, true)) };
}
