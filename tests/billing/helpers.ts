// Billing on for one test file, against the fake Stripe on loopback. lib/env reads the environment
// once at import, so test files call startBillingEnv() through vi.hoisted, before any import:
//   const fake = await vi.hoisted(async () => (await import("./helpers")).startBillingEnv());
import { expect } from "vitest";
import { randomUUID } from "node:crypto";
import type { FakeStripe } from "@/e2e/fixtures/fake-stripe";
import type { Actor } from "@/lib/auth/permissions";

export const WEBHOOK_SECRET = "whsec_test_latch_billing_0123456789";
export const PRICE_TEAM = "price_team_test";
export const PRICE_ENTERPRISE = "price_enterprise_test";
export const METER_EVENT = "latch_proxied_requests";

export async function startBillingEnv(): Promise<FakeStripe> {
  const { startFakeStripe } = await import("@/e2e/fixtures/fake-stripe");
  const fake = await startFakeStripe({ prices: { [PRICE_TEAM]: 1200, [PRICE_ENTERPRISE]: 4000 }, webhookSecret: WEBHOOK_SECRET });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: "sk_test_latch_billing",
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    STRIPE_PRICE_TEAM: PRICE_TEAM,
    STRIPE_PRICE_ENTERPRISE: PRICE_ENTERPRISE,
    STRIPE_METER_EVENT: METER_EVENT,
    LATCH_BILLING_GRACE_DAYS: "7",
  });
  return fake;
}

/** Completes Checkout in the fake as a browser would: it creates the subscription and delivers the signed webhook. */
export async function checkout(fake: FakeStripe, actor: Actor, plan: "team" | "enterprise"): Promise<string> {
  const { startCheckout } = await import("@/lib/billing/checkout");
  const { url } = await startCheckout({ actor, input: { plan } });
  const res = await fetch(`${url}/pay`, { method: "POST", redirect: "manual" });
  expect(res.status).toBe(303);
  expect(fake.state.deliveries.at(-1)).toEqual({ type: "checkout.session.completed", status: 200 });
  const { db } = await import("@/lib/db");
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId } });
  return org.stripeSubscriptionId!;
}

/** Changes the subscription in the fake, then tells the app as Stripe would. */
export async function changeSubscription(
  fake: FakeStripe,
  subscriptionId: string,
  change: { status?: string; price?: string },
  eventType: string,
): Promise<number> {
  const sub = fake.state.subscriptions.get(subscriptionId)!;
  if (change.status) sub.status = change.status;
  if (change.price) sub.items.data[0]!.price = { id: change.price, object: "price", unit_amount: fake.state.prices[change.price] ?? 0, currency: "usd" };
  const object = eventType.startsWith("invoice.")
    ? {
        id: `in_${randomUUID().slice(0, 8)}`,
        object: "invoice",
        customer: sub.customer,
        amount_due: 2400,
        currency: "usd",
        attempt_count: 1,
        parent: { type: "subscription_details", subscription_details: { subscription: sub.id } },
      }
    : sub;
  return (await fake.deliver(eventType, object)).status;
}

export const orgState = async (orgId: string) => {
  const { db } = await import("@/lib/db");
  return db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { plan: true, billingStatus: true, graceUntil: true, stripeCustomerId: true, stripeSubscriptionId: true },
  });
};

export const auditActions = async (orgId: string, prefix = "billing.") => {
  const { db } = await import("@/lib/db");
  const rows = await db.auditEvent.findMany({
    where: { orgId, action: { startsWith: prefix } },
    orderBy: { createdAt: "asc" },
    select: { action: true, metadata: true },
  });
  return rows;
};
