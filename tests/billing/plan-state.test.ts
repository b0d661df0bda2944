// The plan state machine end to end: Checkout upgrade, a plan change in the portal, a failed
// payment with its grace period and downgrade, recovery, and cancellation, each delivered as a
// signed webhook from the fake Stripe and each ending in the right state with an audit trail.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("./helpers")).startBillingEnv());

import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { expireGracePeriods } from "@/lib/billing/apply";
import { assertPlanAllows, currentPlan } from "@/lib/billing/plan-limits";
import { effectivePlan, nextBillingState, toBillingState, type BillingState } from "@/lib/billing/state";
import { startCheckout, openBillingPortal } from "@/lib/billing/checkout";
import { auditActions, changeSubscription, checkout, orgState, PRICE_ENTERPRISE, PRICE_TEAM } from "./helpers";

let app: TestGateway;
beforeAll(async () => {
  app = await startAppServer();
  fake.setWebhookUrl(`${app.url}/api/stripe/webhook`);
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

const DAY = 86_400_000;

describe("upgrade through Checkout", () => {
  let t: TestOrg;
  beforeAll(async () => (t = await createTestOrg("http://127.0.0.1:9")));

  it("starts on Free, pays in Checkout and lands on Team with one seat per active member", async () => {
    expect((await currentPlan(t.org.id))?.id).toBe("free");
    await expect(assertPlanAllows(t.org.id, "approvals")).rejects.toMatchObject({ code: "plan_upgrade_required" });
    const subscriptionId = await checkout(fake, t.adminActor, "team");
    expect(await orgState(t.org.id)).toMatchObject({ plan: "team", billingStatus: "active", graceUntil: null, stripeSubscriptionId: subscriptionId });
    expect(fake.state.subscriptions.get(subscriptionId)!.items.data[0]).toMatchObject({ quantity: 2, price: { id: PRICE_TEAM } });
    await expect(assertPlanAllows(t.org.id, "approvals")).resolves.toBeUndefined();
    const actions = (await auditActions(t.org.id)).map((a) => a.action);
    expect(actions).toEqual(["billing.customer_created", "billing.checkout_started", "billing.checkout_completed"]);
    const completed = (await auditActions(t.org.id)).at(-1)!.metadata as Record<string, { plan?: string }>;
    expect([completed.before?.plan, completed.after?.plan]).toEqual(["free", "team"]);
  });

  it("refuses a second Checkout once subscribed, and opens the customer portal instead", async () => {
    await expect(startCheckout({ actor: t.adminActor, input: { plan: "enterprise" } })).rejects.toMatchObject({ code: "already_subscribed" });
    const { url } = await openBillingPortal({ actor: t.adminActor });
    expect(url).toMatch(new RegExp(`^${fake.url}/portal/bps_`));
  });

  it("follows a plan change made in the portal (customer.subscription.updated)", async () => {
    const { stripeSubscriptionId } = await orgState(t.org.id);
    expect(await changeSubscription(fake, stripeSubscriptionId!, { price: PRICE_ENTERPRISE }, "customer.subscription.updated")).toBe(200);
    expect((await orgState(t.org.id)).plan).toBe("enterprise");
  });

  it("lets only admins manage billing", async () => {
    await expect(startCheckout({ actor: t.developerActor, input: { plan: "team" } })).rejects.toMatchObject({ status: 403, code: "forbidden" });
    await expect(openBillingPortal({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
  });
});

describe("payment failure, grace period and downgrade", () => {
  let t: TestOrg;
  let sub: string;
  beforeAll(async () => {
    t = await createTestOrg("http://127.0.0.1:9");
    sub = await checkout(fake, t.adminActor, "team");
  });

  it("keeps the paid plan during the grace period, then applies Free limits without deleting anything", async () => {
    const key = await t.key();
    expect(await changeSubscription(fake, sub, { status: "past_due" }, "invoice.payment_failed")).toBe(200);
    const failed = await orgState(t.org.id);
    expect(failed).toMatchObject({ plan: "team", billingStatus: "past_due" });
    expect(failed.graceUntil!.getTime() - Date.now()).toBeGreaterThan(6.9 * DAY);
    expect(effectivePlan(toBillingState(failed))).toBe("team");

    // Stripe retries the charge and fails again: the grace period is not extended.
    await changeSubscription(fake, sub, { status: "past_due" }, "invoice.payment_failed");
    expect((await orgState(t.org.id)).graceUntil).toEqual(failed.graceUntil);

    const later = new Date(failed.graceUntil!.getTime() + 1000);
    expect(effectivePlan(toBillingState(failed), later)).toBe("free");
    // The sweep covers every org: other test files' lapsed orgs in this database may go with it.
    expect(await expireGracePeriods(later)).toBeGreaterThanOrEqual(1);
    expect(await expireGracePeriods(later)).toBe(0);
    expect(await orgState(t.org.id)).toMatchObject({ plan: "free", billingStatus: "past_due", stripeSubscriptionId: sub });
    await expect(assertPlanAllows(t.org.id, "idp_connection")).rejects.toMatchObject({ code: "plan_upgrade_required" });
    expect(await db.virtualKey.findUniqueOrThrow({ where: { id: key.id }, select: { status: true } })).toEqual({ status: "active" });
    expect((await auditActions(t.org.id)).map((a) => a.action)).toContain("billing.downgraded");
  });

  it("restores the plan when the invoice is finally paid", async () => {
    expect(await changeSubscription(fake, sub, { status: "active" }, "invoice.paid")).toBe(200);
    expect(await orgState(t.org.id)).toMatchObject({ plan: "team", billingStatus: "active", graceUntil: null });
  });

  it("ends on Free when the subscription is cancelled, keeping keys and members", async () => {
    const before = await db.virtualKey.count({ where: { orgId: t.org.id, status: "active" } });
    expect(await changeSubscription(fake, sub, { status: "canceled" }, "customer.subscription.deleted")).toBe(200);
    expect(await orgState(t.org.id)).toMatchObject({ plan: "free", billingStatus: "canceled", stripeSubscriptionId: null, graceUntil: null });
    expect(await db.virtualKey.count({ where: { orgId: t.org.id, status: "active" } })).toBe(before);
    expect(await db.membership.count({ where: { orgId: t.org.id, active: true } })).toBe(2);
    const canceled = (await auditActions(t.org.id)).at(-1)!;
    expect(canceled).toMatchObject({ action: "billing.subscription_canceled", metadata: { before: { plan: "team" }, after: { plan: "free" } } });
  });
});

describe("nextBillingState", () => {
  const now = new Date("2026-11-01T00:00:00Z");
  const team: BillingState = { plan: "team", billingStatus: "active", graceUntil: null, stripeSubscriptionId: "sub_new" };
  const facts = (id: string, status: string, priceId = PRICE_TEAM) => ({ id, customerId: "cus_1", status, priceId, quantity: 1 });

  it("ignores a late event about an old, cancelled subscription", () => {
    expect(nextBillingState(team, facts("sub_old", "canceled"), now, 7)).toEqual(team);
  });
  it("does not unlock anything before the first payment (incomplete)", () => {
    const free: BillingState = { plan: "free", billingStatus: "none", graceUntil: null, stripeSubscriptionId: null };
    expect(nextBillingState(free, facts("sub_1", "incomplete"), now, 7)).toMatchObject({ plan: "free", billingStatus: "none", stripeSubscriptionId: "sub_1" });
  });
  it("treats a subscription Stripe no longer knows as cancelled", () => {
    expect(nextBillingState(team, null, now, 7)).toMatchObject({ plan: "free", billingStatus: "canceled", stripeSubscriptionId: null });
  });
  it("starts the grace period at the first failure", () => {
    expect(nextBillingState(team, facts("sub_new", "unpaid"), now, 7).graceUntil).toEqual(new Date("2026-11-08T00:00:00Z"));
  });
});
