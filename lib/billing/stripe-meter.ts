// Optional metered billing (STRIPE_METER_EVENT set): proxied requests are reported to a Stripe
// billing meter in batches, one event per org per run, from the hourly usage rollups. Provider
// costs are never billed by Latch; organisations bring their own provider keys.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { billingEnabled } from "@/lib/billing/plans";
import { sendMeterEvent } from "@/lib/billing/stripe";

const HOUR_MS = 3_600_000;
/** Usage reaches the rollups asynchronously: an hour is reported only once this long has passed after it. */
const SETTLE_MS = 15 * 60_000;
/** Stripe accepts meter events up to 35 days old; never reach back further than this. */
const MAX_LOOKBACK_MS = 30 * 24 * HOUR_MS;

/**
 * Reports each subscribed org's requests from its watermark up to the last settled hour, then
 * moves the watermark. The event identifier is derived from the window, so the same window sent
 * twice (two instances at once, or a crash between send and save within the hour) counts once.
 */
export async function reportMeteredUsage(now: Date = new Date()): Promise<{ orgs: number; requests: number }> {
  const eventName = env.STRIPE_METER_EVENT;
  if (!billingEnabled() || !eventName) return { orgs: 0, requests: 0 };
  const until = new Date(Math.floor((now.getTime() - SETTLE_MS) / HOUR_MS) * HOUR_MS);
  const orgs = await db.organization.findMany({
    where: { stripeCustomerId: { not: null }, stripeSubscriptionId: { not: null }, billingStatus: { in: ["active", "past_due"] } },
    select: { id: true, stripeCustomerId: true, meterReportedThrough: true },
  });
  const totals = { orgs: 0, requests: 0 };
  for (const org of orgs) {
    // The first report covers the last settled hour only: usage before subscribing is not billed.
    const from = new Date(Math.max(org.meterReportedThrough?.getTime() ?? until.getTime() - HOUR_MS, until.getTime() - MAX_LOOKBACK_MS));
    if (from >= until) continue;
    try {
      // Requests Latch refused itself (bad key, limits, guardrails) were never proxied: not billed.
      const where = { orgId: org.id, bucket: { gte: from, lt: until }, outcome: { not: "rejected" as const } };
      const { _sum } = await db.usageRollup.aggregate({ where, _sum: { requests: true } });
      const requests = _sum.requests ?? 0;
      if (requests > 0) {
        await sendMeterEvent({
          eventName,
          customerId: org.stripeCustomerId!,
          value: requests,
          identifier: `latch-${org.id}-${from.getTime()}-${until.getTime()}`,
          timestamp: new Date(until.getTime() - 1000),
        });
      }
      await db.organization.updateMany({ where: { id: org.id, meterReportedThrough: org.meterReportedThrough }, data: { meterReportedThrough: until } });
      totals.orgs += 1;
      totals.requests += requests;
    } catch (err) {
      // The watermark stays: the next run reports this window together with the next one.
      logError("metered usage report failed", err, { orgId: org.id });
    }
  }
  return totals;
}
