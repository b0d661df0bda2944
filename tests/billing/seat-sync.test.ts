// Seats follow active members into the Stripe subscription quantity (prorated), in the
// background: retried on failure, never blocking a sign-in. Also the billing page's overview
// and the optional metered usage report, both read from the fake Stripe.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("./helpers")).startBillingEnv());

import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { provisionSsoUser } from "@/lib/auth/provision";
import { reportMeteredUsage } from "@/lib/billing/stripe-meter";
import { getBillingOverview } from "@/lib/billing/overview";
import { queueSeatSync, seatSyncsSettled } from "@/lib/billing/seats";
import { setMemberActive } from "@/lib/members/set-active";
import { auditActions, checkout, METER_EVENT } from "./helpers";

let app: TestGateway;
let t: TestOrg;
let sub: string;
let domain: string;
const quantity = () => fake.state.subscriptions.get(sub)!.items.data[0]!.quantity;

beforeAll(async () => {
  app = await startAppServer();
  fake.setWebhookUrl(`${app.url}/api/stripe/webhook`);
  t = await createTestOrg("http://127.0.0.1:9");
  domain = `${t.org.slug}.test`;
  await db.organization.update({ where: { id: t.org.id }, data: { emailDomains: [domain] } });
  sub = await checkout(fake, t.adminActor, "team");
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

describe("seat sync", () => {
  it("raises the quantity when someone is provisioned, prorated, and audits it", async () => {
    expect(quantity()).toBe(2);
    expect(await provisionSsoUser({ email: `new@${domain}` })).toMatchObject({ ok: true, created: true });
    await seatSyncsSettled();
    expect(quantity()).toBe(3);
    const update = fake.state.requests.filter((r) => r.method === "POST" && r.path === `/v1/subscriptions/${sub}`).at(-1)!;
    expect(update.body).toMatchObject({ proration_behavior: "create_prorations", items: [{ quantity: "3" }] });
    expect((await auditActions(t.org.id)).at(-1)).toMatchObject({ action: "billing.seats_synced", metadata: { before: { seats: 2 }, after: { seats: 3 } } });
  });

  it("lowers it when a member is deactivated", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: `new@${domain}` } });
    await setMemberActive({ actor: t.adminActor, input: { userId: user.id, active: false } });
    await seatSyncsSettled();
    expect(quantity()).toBe(2);
  });

  it("retries a failed update", async () => {
    await db.membership.updateMany({ where: { orgId: t.org.id, user: { email: `new@${domain}` } }, data: { active: true } });
    fake.failNext("POST /v1/subscriptions", 2);
    queueSeatSync(t.org.id, [10, 10]);
    await seatSyncsSettled();
    expect(quantity()).toBe(3);
  });

  it("never blocks a sign-in when Stripe keeps failing; the billing page heals the count later", async () => {
    fake.failNext("GET /v1/subscriptions", 100);
    const failedBefore = fake.state.requests.length;
    expect(await provisionSsoUser({ email: `while-down@${domain}` })).toMatchObject({ ok: true, created: true });
    await vi.waitFor(() => expect(fake.state.requests.slice(failedBefore).some((r) => r.path === `/v1/subscriptions/${sub}`)).toBe(true));
    fake.failNext("GET /v1/subscriptions", 0);
    // The background sync waits before its next attempt; the overview shows the gap meanwhile.
    expect(await getBillingOverview({ actor: t.adminActor })).toMatchObject({ members: 4, billedSeats: 3 });
    await seatSyncsSettled();
    expect(quantity()).toBe(4);
  }, 30_000);

  it("folds a burst of changes into one update with the final count", async () => {
    const before = fake.state.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/subscriptions/")).length;
    for (const n of [1, 2, 3]) {
      await db.user.create({ data: { email: `burst${n}@${domain}`, memberships: { create: { orgId: t.org.id, role: "developer" } } } });
    }
    for (let i = 0; i < 5; i++) queueSeatSync(t.org.id);
    await seatSyncsSettled();
    expect(quantity()).toBe(7);
    expect(fake.state.requests.filter((r) => r.method === "POST" && r.path.startsWith("/v1/subscriptions/")).length - before).toBe(1);
  });
});

describe("billing overview", () => {
  it("shows plan, seats and Stripe's next-invoice estimate", async () => {
    const overview = await getBillingOverview({ actor: t.adminActor });
    expect(overview).toMatchObject({ plan: { id: "team" }, status: "active", members: 7, billedSeats: 7, hasCustomer: true, hasSubscription: true });
    expect(overview.nextInvoice).toMatchObject({ amountDue: 7 * 1200, currency: "usd" });
    await expect(getBillingOverview({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
  });
});

describe("metered usage", () => {
  it("reports settled hours of proxied requests once, in one event per org", async () => {
    const now = new Date("2026-11-20T12:30:00Z");
    const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h));
    await db.organization.update({ where: { id: t.org.id }, data: { meterReportedThrough: hour(9) } });
    await db.usageRollup.createMany({
      data: [9, 10, 11, 12].map((h) => ({ bucket: hour(h), orgId: t.org.id, outcome: "success" as const, requests: 10 * h })),
    });
    // 12:00–13:00 has not settled yet at 12:30.
    expect(await reportMeteredUsage(now)).toMatchObject({ requests: 90 + 100 + 110 });
    const sent = fake.state.meterEvents.filter((e) => e.identifier.includes(t.org.id));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ event_name: METER_EVENT, payload: { value: "300" } });
    expect(await reportMeteredUsage(now)).toMatchObject({ requests: 0 });
    expect((await db.organization.findUniqueOrThrow({ where: { id: t.org.id } })).meterReportedThrough).toEqual(hour(12));
  });
});
