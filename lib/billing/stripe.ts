// The only module that talks to the Stripe API: a handful of calls, each returning just what
// Latch uses. Tests point the client at a loopback fake through STRIPE_API_BASE.
import Stripe from "stripe";
import { env } from "@/lib/env";
import type { SubscriptionFacts } from "@/lib/billing/state";

let client: Stripe | null = null;

export function stripe(): Stripe {
  if (!env.STRIPE_SECRET_KEY) throw new Error("Billing is off: STRIPE_SECRET_KEY is not set.");
  client ??= new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 1, timeout: 20_000, ...apiBase(env.STRIPE_API_BASE) });
  return client;
}

function apiBase(url: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!url) return {};
  const u = new URL(url);
  const protocol = u.protocol === "http:" ? "http" : "https";
  return { host: u.hostname, port: u.port || (protocol === "http" ? 80 : 443), protocol };
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === "string" ? value : (value?.id ?? null));

export function subscriptionFacts(sub: Stripe.Subscription): SubscriptionFacts {
  const item = sub.items.data[0];
  return { id: sub.id, customerId: idOf(sub.customer) ?? "", status: sub.status, priceId: item?.price.id ?? null, quantity: item?.quantity ?? 0 };
}

/** null when Stripe no longer has the subscription. */
export async function retrieveSubscription(id: string): Promise<SubscriptionFacts | null> {
  try {
    return subscriptionFacts(await stripe().subscriptions.retrieve(id));
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError && err.statusCode === 404) return null;
    throw err;
  }
}

/** Sets the seat count, prorated; returns the change, or null when Stripe already had it. */
export async function setSeatQuantity(subscriptionId: string, quantity: number): Promise<{ from: number; to: number } | null> {
  const sub = await stripe().subscriptions.retrieve(subscriptionId);
  const item = sub.items.data[0];
  if (!item || item.quantity === quantity) return null;
  await stripe().subscriptions.update(subscriptionId, { items: [{ id: item.id, quantity }], proration_behavior: "create_prorations" });
  return { from: item.quantity ?? 0, to: quantity };
}

export async function createCustomer(input: { orgId: string; name: string; email: string | null }): Promise<string> {
  const customer = await stripe().customers.create(
    { name: input.name, ...(input.email ? { email: input.email } : {}), metadata: { orgId: input.orgId } },
    // Two admins clicking "Upgrade" at once must not create two customers for one org.
    { idempotencyKey: `latch-customer-${input.orgId}` },
  );
  return customer.id;
}

export async function createCheckoutSession(input: {
  orgId: string;
  customerId: string;
  priceId: string;
  seats: number;
  successUrl: string;
  cancelUrl: string;
}): Promise<string> {
  const session = await stripe().checkout.sessions.create({
    mode: "subscription",
    customer: input.customerId,
    client_reference_id: input.orgId,
    line_items: [{ price: input.priceId, quantity: input.seats }],
    subscription_data: { metadata: { orgId: input.orgId } },
    metadata: { orgId: input.orgId },
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
  });
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL.");
  return session.url;
}

export async function createPortalSession(input: { customerId: string; returnUrl: string }): Promise<string> {
  const session = await stripe().billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl });
  return session.url;
}

export type InvoiceEstimate = { amountDue: number; currency: string; periodEnd: Date };

export async function previewNextInvoice(input: { customerId: string; subscriptionId: string }): Promise<InvoiceEstimate> {
  const invoice = await stripe().invoices.createPreview({ customer: input.customerId, subscription: input.subscriptionId });
  return { amountDue: invoice.amount_due, currency: invoice.currency, periodEnd: new Date(invoice.period_end * 1000) };
}

export async function sendMeterEvent(input: { eventName: string; customerId: string; value: number; identifier: string; timestamp: Date }): Promise<void> {
  await stripe().billing.meterEvents.create({
    event_name: input.eventName,
    payload: { stripe_customer_id: input.customerId, value: String(input.value) },
    identifier: input.identifier,
    timestamp: Math.floor(input.timestamp.getTime() / 1000),
  });
}

/** Throws Stripe's StripeSignatureVerificationError on a bad signature or a stale timestamp. */
export function verifyWebhook(rawBody: string, signature: string, secret: string): Stripe.Event {
  return stripe().webhooks.constructEvent(rawBody, signature, secret);
}

export { idOf };
