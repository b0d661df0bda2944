// Admin billing verbs: upgrading through Stripe Checkout and managing payment method, invoices,
// plan changes and cancellation through the Stripe customer portal. Plan state itself changes
// only when Stripe confirms it by webhook (lib/billing/webhook.ts).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError, NotFoundError } from "@/lib/errors";
import { billingEnabled, PLANS } from "@/lib/billing/plans";
import { billingContactEmail, countSeats, getBillingOrgOrThrow, type BillingOrg } from "@/lib/billing/queries";
import { StartCheckoutInput } from "@/lib/billing/schemas";
import { createCheckoutSession, createCustomer, createPortalSession } from "@/lib/billing/stripe";

const BILLING_PAGE = "/admin/billing";

function assertBillingOn(): void {
  if (!billingEnabled()) throw new NotFoundError("billing_off", "Billing is not enabled on this deployment.");
}

/** Returns the Checkout URL the admin is sent to. */
export async function startCheckout({ actor, input }: { actor: Actor; input: StartCheckoutInput }): Promise<{ url: string }> {
  requirePermission(actor, "billing.manage");
  assertBillingOn();
  const { plan } = StartCheckoutInput.parse(input);
  const org = await getBillingOrgOrThrow(actor.orgId);
  // A second subscription would bill the org twice; plan changes go through the portal.
  if (org.stripeSubscriptionId)
    throw new InvalidRequestError("This organisation already has a subscription. Change plans under “Manage billing”.", "plan", "already_subscribed", 409);
  const customerId = await ensureCustomer(actor, org);
  const seats = Math.max(1, await countSeats(actor.orgId));
  const url = await createCheckoutSession({
    orgId: actor.orgId,
    customerId,
    priceId: PLANS[plan].stripePriceId!,
    seats,
    successUrl: `${env.APP_URL}${BILLING_PAGE}?checkout=success`,
    cancelUrl: `${env.APP_URL}${BILLING_PAGE}?checkout=canceled`,
  });
  await db.$transaction((tx) =>
    recordAudit(tx, actor, { action: "billing.checkout_started", targetType: "organization", targetId: actor.orgId, metadata: { plan, seats } }),
  );
  return { url };
}

/** Returns the customer portal URL: payment method, invoices, plan changes, cancellation. */
export async function openBillingPortal({ actor }: { actor: Actor }): Promise<{ url: string }> {
  requirePermission(actor, "billing.manage");
  assertBillingOn();
  const org = await getBillingOrgOrThrow(actor.orgId);
  if (!org.stripeCustomerId) throw new InvalidRequestError("There is nothing to manage yet: upgrade to a paid plan first.", null, "no_billing_account", 409);
  const url = await createPortalSession({ customerId: org.stripeCustomerId, returnUrl: `${env.APP_URL}${BILLING_PAGE}` });
  await db.$transaction((tx) => recordAudit(tx, actor, { action: "billing.portal_opened", targetType: "organization", targetId: actor.orgId }));
  return { url };
}

/**
 * The org's Stripe customer, created on first use. Stripe's idempotency key makes concurrent
 * first clicks share one customer; the conditional update keeps the first link if two raced.
 */
async function ensureCustomer(actor: Actor, org: BillingOrg): Promise<string> {
  if (org.stripeCustomerId) return org.stripeCustomerId;
  const customerId = await createCustomer({ orgId: org.id, name: org.name, email: await billingContactEmail(org.id) });
  await db.$transaction(async (tx) => {
    const { count } = await tx.organization.updateMany({ where: { id: org.id, stripeCustomerId: null }, data: { stripeCustomerId: customerId } });
    if (count)
      await recordAudit(tx, actor, {
        action: "billing.customer_created",
        targetType: "organization",
        targetId: org.id,
        after: { stripeCustomerId: customerId },
      });
  });
  return (await getBillingOrgOrThrow(org.id)).stripeCustomerId ?? customerId;
}
