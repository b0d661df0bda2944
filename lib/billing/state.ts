// The plan state machine, pure: what an org's billing columns become given the subscription as
// Stripe reports it now, and which plan's limits apply at a given instant. Webhooks re-read the
// subscription instead of trusting the event body, so events arriving out of order or twice
// converge on the same state.
import { asPlanId, planForPrice, type PlanId } from "@/lib/billing/plans";

export const BILLING_STATUSES = ["none", "active", "past_due", "paused", "canceled"] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

export type BillingState = {
  plan: PlanId;
  billingStatus: BillingStatus;
  graceUntil: Date | null;
  stripeSubscriptionId: string | null;
};

/** What Latch needs from a Stripe subscription. */
export type SubscriptionFacts = {
  id: string;
  customerId: string;
  /** Stripe's status: active, trialing, past_due, unpaid, paused, incomplete, incomplete_expired, canceled. */
  status: string;
  priceId: string | null;
  quantity: number;
};

const DAY_MS = 86_400_000;

export function toBillingState(row: { plan: string; billingStatus: string; graceUntil: Date | null; stripeSubscriptionId: string | null }): BillingState {
  const status = (BILLING_STATUSES as readonly string[]).includes(row.billingStatus) ? (row.billingStatus as BillingStatus) : "none";
  return { plan: asPlanId(row.plan), billingStatus: status, graceUntil: row.graceUntil, stripeSubscriptionId: row.stripeSubscriptionId };
}

/** A subscription that still pays (or is still being chased for payment). */
export const isLive = (sub: SubscriptionFacts): boolean => ["active", "trialing", "past_due", "unpaid"].includes(sub.status);

/**
 * The next state. `sub` null means Stripe no longer knows the subscription. A subscription that
 * is not the org's current one only takes over when it is live: a late event about an old,
 * cancelled subscription must not cancel the one that replaced it.
 */
export function nextBillingState(current: BillingState, sub: SubscriptionFacts | null, now: Date, graceDays: number): BillingState {
  if (sub && current.stripeSubscriptionId && sub.id !== current.stripeSubscriptionId && !isLive(sub)) return current;
  if (!sub) return current.stripeSubscriptionId ? canceled() : current;
  const plan = planForPrice(sub.priceId) ?? current.plan;
  switch (sub.status) {
    case "active":
    case "trialing":
      return { plan, billingStatus: "active", graceUntil: null, stripeSubscriptionId: sub.id };
    case "past_due":
    case "unpaid":
      // The grace period starts at the first failure and is not extended by later retries.
      return {
        plan,
        billingStatus: "past_due",
        graceUntil: current.billingStatus === "past_due" && current.graceUntil ? current.graceUntil : new Date(now.getTime() + graceDays * DAY_MS),
        stripeSubscriptionId: sub.id,
      };
    case "incomplete":
      // The first payment has not gone through: nothing is unlocked yet.
      return { ...current, stripeSubscriptionId: sub.id };
    case "paused":
      return { plan: "free", billingStatus: "paused", graceUntil: null, stripeSubscriptionId: sub.id };
    default:
      return canceled();
  }
}

const canceled = (): BillingState => ({ plan: "free", billingStatus: "canceled", graceUntil: null, stripeSubscriptionId: null });

/** The plan whose limits apply now: a past-due org keeps its plan only until the grace period ends. */
export function effectivePlan(state: Pick<BillingState, "plan" | "billingStatus" | "graceUntil">, now: Date = new Date()): PlanId {
  if (state.billingStatus === "past_due" && (!state.graceUntil || state.graceUntil.getTime() <= now.getTime())) return "free";
  return state.plan;
}

/** The changed fields only, for the audit record's before/after. */
export function diffStates(before: BillingState, after: BillingState): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const keys = (Object.keys(after) as (keyof BillingState)[]).filter((k) => String(before[k]?.valueOf() ?? null) !== String(after[k]?.valueOf() ?? null));
  if (!keys.length) return null;
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}
