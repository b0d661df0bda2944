// Seats follow membership: after a member joins or is (de)activated, the subscription quantity
// is set to the count of active members, prorated by Stripe. It runs in the background so a
// slow or failing Stripe never blocks a sign-in or an admin action; it sets an absolute count,
// so a failed sync is healed by the next one (another membership change or a billing page visit).
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { logError } from "@/lib/log";
import { billingEnabled } from "@/lib/billing/plans";
import { countSeats, findBillingOrg } from "@/lib/billing/queries";
import { setSeatQuantity } from "@/lib/billing/stripe";

export const SEAT_SYNC_RETRY_DELAYS_MS = [1_000, 10_000, 60_000] as const;

const running = new Map<string, Promise<void>>();
const dirty = new Set<string>();

/**
 * Fire and forget. Changes arriving while a sync for the org runs are folded into one more run
 * afterwards, so a burst of sign-ins makes at most two Stripe updates, the last with the final count.
 */
export function queueSeatSync(orgId: string, retryDelaysMs: readonly number[] = SEAT_SYNC_RETRY_DELAYS_MS): void {
  if (!billingEnabled()) return;
  if (running.has(orgId)) {
    dirty.add(orgId);
    return;
  }
  const run = (async () => {
    do {
      dirty.delete(orgId);
      await syncWithRetries(orgId, retryDelaysMs);
    } while (dirty.has(orgId));
  })().finally(() => running.delete(orgId));
  running.set(orgId, run);
}

/** Resolves once no seat sync is running (tests, graceful shutdown). */
export async function seatSyncsSettled(): Promise<void> {
  while (running.size) await Promise.allSettled([...running.values()]);
}

async function syncWithRetries(orgId: string, retryDelaysMs: readonly number[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await syncSeats(orgId);
      return;
    } catch (err) {
      if (attempt >= retryDelaysMs.length) {
        logError("seat sync to Stripe failed; the next membership change or billing page visit retries", err, { orgId, attempts: attempt + 1 });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[attempt]));
    }
  }
}

/** Sets the subscription quantity to the active member count now; audited when it changed. */
export async function syncSeats(orgId: string): Promise<{ from: number; to: number } | null> {
  if (!billingEnabled()) return null;
  const org = await findBillingOrg(orgId);
  if (!org?.stripeSubscriptionId || org.billingStatus === "canceled") return null;
  // Stripe refuses a quantity of 0 on a licensed price; an org always has at least its admin.
  const seats = Math.max(1, await countSeats(orgId));
  const change = await setSeatQuantity(org.stripeSubscriptionId, seats);
  if (!change) return null;
  await db.$transaction((tx) =>
    recordAudit(
      tx,
      { kind: "system", orgId },
      {
        action: "billing.seats_synced",
        targetType: "organization",
        targetId: orgId,
        before: { seats: change.from },
        after: { seats: change.to },
        metadata: { subscriptionId: org.stripeSubscriptionId, proration: "create_prorations" },
      },
    ),
  );
  return change;
}
