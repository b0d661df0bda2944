// Stripe webhooks: verified against the raw body, applied once per event id, and turned into
// plan state by re-reading the subscription from Stripe (the event body may be stale or arrive
// out of order; the subscription as it is now is not).
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logWarn } from "@/lib/log";
import { applyBillingChange, type BillingChange } from "@/lib/billing/apply";
import { billingEnabled } from "@/lib/billing/plans";
import { findBillingOrg, findBillingOrgByCustomer } from "@/lib/billing/queries";
import { idOf, retrieveSubscription, verifyWebhook } from "@/lib/billing/stripe";

export type WebhookOutcome =
  | { status: "applied" | "duplicate" | "ignored"; eventId: string }
  | { status: "rejected"; reason: "billing_off" | "invalid_signature" };

const AUDIT_ACTIONS: Partial<Record<Stripe.Event["type"], string>> = {
  "checkout.session.completed": "billing.checkout_completed",
  "customer.subscription.created": "billing.subscription_created",
  "customer.subscription.updated": "billing.subscription_updated",
  "customer.subscription.deleted": "billing.subscription_canceled",
  "invoice.paid": "billing.invoice_paid",
  "invoice.payment_failed": "billing.payment_failed",
};

/**
 * A signature older than the SDK's tolerance (5 minutes) is refused like a forged one, so a
 * captured delivery cannot be replayed later; a fresh redelivery of an applied event is
 * acknowledged without acting twice.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now: Date = new Date()): Promise<WebhookOutcome> {
  if (!billingEnabled() || !env.STRIPE_WEBHOOK_SECRET) return { status: "rejected", reason: "billing_off" };
  let event: Stripe.Event;
  try {
    event = verifyWebhook(rawBody, signature ?? "", env.STRIPE_WEBHOOK_SECRET);
  } catch {
    return { status: "rejected", reason: "invalid_signature" };
  }
  if (await db.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { status: "duplicate", eventId: event.id };

  // Stripe calls happen before the transaction: no row lock is held across the network.
  const change = await changeFor(event);
  const stored = await db.$transaction(async (tx) => {
    const { count } = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type, orgId: change?.orgId ?? null }], skipDuplicates: true });
    if (count === 0) return false;
    if (change) await applyBillingChange(tx, change, now);
    return true;
  });
  return { status: !stored ? "duplicate" : change ? "applied" : "ignored", eventId: event.id };
}

type Reference = { orgId?: string; customerId: string | null; subscriptionId: string | null; metadata: Record<string, unknown> };

function referenceOf(event: Stripe.Event): Reference | null {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.mode !== "subscription") return null;
      const orgId = session.client_reference_id ?? session.metadata?.orgId;
      return orgId
        ? { orgId, customerId: idOf(session.customer), subscriptionId: idOf(session.subscription), metadata: { checkoutSessionId: session.id } }
        : null;
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const sub = event.data.object;
      return { customerId: idOf(sub.customer), subscriptionId: sub.id, metadata: {} };
    }
    case "invoice.paid":
    case "invoice.payment_failed": {
      const invoice = event.data.object;
      return {
        customerId: idOf(invoice.customer),
        subscriptionId: idOf(invoice.parent?.subscription_details?.subscription),
        metadata: { invoiceId: invoice.id, amountDue: invoice.amount_due, currency: invoice.currency, attempt: invoice.attempt_count },
      };
    }
    default:
      return null;
  }
}

async function changeFor(event: Stripe.Event): Promise<BillingChange | null> {
  const action = AUDIT_ACTIONS[event.type];
  const ref = action ? referenceOf(event) : null;
  if (!action || !ref) return null;
  const org = ref.orgId ? await findBillingOrg(ref.orgId) : ref.customerId ? await findBillingOrgByCustomer(ref.customerId) : null;
  if (!org) {
    logWarn("stripe webhook for no known organisation", { eventId: event.id, type: event.type });
    return null;
  }
  const customerId = org.stripeCustomerId ?? ref.customerId;
  // A checkout names its org itself: it may attach the org's own customer, never another one.
  if (ref.customerId && customerId !== ref.customerId) {
    logWarn("stripe webhook customer does not match the organisation's", { eventId: event.id, orgId: org.id });
    return null;
  }
  const subscriptionId = ref.subscriptionId ?? org.stripeSubscriptionId;
  let subscription = subscriptionId ? await retrieveSubscription(subscriptionId) : undefined;
  if (subscription && subscription.customerId !== customerId) subscription = undefined;
  return {
    orgId: org.id,
    subscription,
    customerId: ref.customerId,
    action,
    metadata: { stripeEventId: event.id, subscriptionId, ...ref.metadata },
  };
}
