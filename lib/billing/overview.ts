// What the admin billing page shows: plan and status, usage against the plan's limits, seats
// billed, and Stripe's estimate of the next invoice.
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { logError } from "@/lib/log";
import { PLANS, type Plan } from "@/lib/billing/plans";
import { countActiveKeys, countSeats, getBillingOrgOrThrow } from "@/lib/billing/queries";
import { queueSeatSync } from "@/lib/billing/seats";
import { effectivePlan, toBillingState, type BillingStatus } from "@/lib/billing/state";
import { previewNextInvoice, retrieveSubscription, type InvoiceEstimate } from "@/lib/billing/stripe";

export type BillingOverview = {
  plan: Plan;
  /** The plan paid for, when a lapsed payment has put the org on Free limits. */
  subscribedPlan: Plan | null;
  status: BillingStatus;
  graceUntil: Date | null;
  members: number;
  activeKeys: number;
  billedSeats: number | null;
  hasCustomer: boolean;
  hasSubscription: boolean;
  /** null: no subscription; "unavailable": Stripe could not be reached. */
  nextInvoice: InvoiceEstimate | null | "unavailable";
};

export async function getBillingOverview({ actor, now = new Date() }: { actor: Actor; now?: Date }): Promise<BillingOverview> {
  requirePermission(actor, "billing.manage");
  const org = await getBillingOrgOrThrow(actor.orgId);
  const state = toBillingState(org);
  const [members, activeKeys] = await Promise.all([countSeats(org.id), countActiveKeys(org.id)]);
  const plan = PLANS[effectivePlan(state, now)];
  let billedSeats: number | null = null;
  let nextInvoice: BillingOverview["nextInvoice"] = null;
  if (org.stripeSubscriptionId && org.stripeCustomerId) {
    try {
      const [sub, invoice] = await Promise.all([
        retrieveSubscription(org.stripeSubscriptionId),
        previewNextInvoice({ customerId: org.stripeCustomerId, subscriptionId: org.stripeSubscriptionId }),
      ]);
      billedSeats = sub?.quantity ?? null;
      nextInvoice = invoice;
      // A sync that failed earlier is retried when someone looks.
      if (sub && sub.quantity !== Math.max(1, members)) queueSeatSync(org.id);
    } catch (err) {
      logError("billing overview: Stripe unavailable", err, { orgId: org.id });
      nextInvoice = "unavailable";
    }
  }
  return {
    plan,
    subscribedPlan: state.plan !== plan.id ? PLANS[state.plan] : null,
    status: state.billingStatus,
    graceUntil: state.graceUntil,
    members,
    activeKeys,
    billedSeats,
    hasCustomer: Boolean(org.stripeCustomerId),
    hasSubscription: Boolean(org.stripeSubscriptionId),
    nextInvoice,
  };
}
