// POST /api/stripe/webhook: the signature is checked against the raw body, a tampered or
// replayed delivery is refused, and each event id is applied once, however often it arrives.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const fake = await vi.hoisted(async () => (await import("./helpers")).startBillingEnv());

import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { auditActions, checkout, orgState } from "./helpers";

let app: TestGateway;
let t: TestOrg;
let sub: string;
beforeAll(async () => {
  app = await startAppServer();
  fake.setWebhookUrl(`${app.url}/api/stripe/webhook`);
  t = await createTestOrg("http://127.0.0.1:9");
  sub = await checkout(fake, t.adminActor, "team");
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

const post = (body: string, signature?: string) =>
  fetch(`${app.url}/api/stripe/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) },
    body,
  });

/** A subscription.updated event for the org's subscription, as Stripe would sign it now. */
function signedEvent(id: string, timestamp?: number) {
  const payload = fake.eventPayload("customer.subscription.updated", fake.state.subscriptions.get(sub), id);
  return { payload, header: fake.sign(payload, timestamp) };
}

describe("signature", () => {
  it("applies a correctly signed delivery", async () => {
    const { payload, header } = signedEvent("evt_signed_ok");
    const res = await post(payload, header);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, status: "applied" });
  });

  it("rejects a body changed after signing, and stores nothing", async () => {
    const { payload, header } = signedEvent("evt_tampered");
    const tampered = payload.replace('"status": "active"', '"status": "canceled"');
    expect(tampered).not.toBe(payload);
    const res = await post(tampered, header);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_signature" } });
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_tampered" } })).toBeNull();
    expect((await orgState(t.org.id)).plan).toBe("team");
  });

  it("rejects a delivery replayed an hour after it was signed", async () => {
    const { payload, header } = signedEvent("evt_replayed_late", Math.floor(Date.now() / 1000) - 3600);
    expect((await post(payload, header)).status).toBe(400);
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_replayed_late" } })).toBeNull();
  });

  it("rejects a missing signature and one made with another secret", async () => {
    const { payload } = signedEvent("evt_unsigned");
    expect((await post(payload)).status).toBe(400);
    const { default: Stripe } = await import("stripe");
    const forged = new Stripe("sk_test_x").webhooks.generateTestHeaderString({ payload, secret: "whsec_attacker" });
    expect((await post(payload, forged)).status).toBe(400);
  });
});

describe("idempotency", () => {
  it("acknowledges a redelivered event without applying it again", async () => {
    const { payload, header } = signedEvent("evt_twice");
    const audits = (await auditActions(t.org.id)).length;
    expect(await (await post(payload, header)).json()).toMatchObject({ status: "applied" });
    // A later redelivery carries a fresh signature over the same event.
    const again = await post(payload, fake.sign(payload));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: "duplicate" });
    expect(await db.stripeEvent.count({ where: { id: "evt_twice" } })).toBe(1);
    expect((await auditActions(t.org.id)).length).toBe(audits + 1);
  });

  it("applies each of several simultaneous deliveries of one event exactly once", async () => {
    const { payload, header } = signedEvent("evt_concurrent");
    const bodies = await Promise.all([1, 2, 3, 4].map(async () => (await (await post(payload, header)).json()) as { status: string }));
    expect(bodies.filter((b) => b.status === "applied")).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, metadata: { path: ["stripeEventId"], equals: "evt_concurrent" } } })).toBe(1);
  });

  it("answers 500 when Stripe cannot be reached, storing nothing, so Stripe's retry applies it", async () => {
    const { payload, header } = signedEvent("evt_retry");
    fake.failNext("GET /v1/subscriptions", 1);
    expect((await post(payload, header)).status).toBe(500);
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_retry" } })).toBeNull();
    expect(await (await post(payload, header)).json()).toMatchObject({ status: "applied" });
  });

  it("records but ignores events for customers it does not know and event types it does not handle", async () => {
    const stranger = fake.eventPayload("invoice.paid", { id: "in_x", object: "invoice", customer: "cus_unknown", parent: null }, "evt_stranger");
    expect(await (await post(stranger, fake.sign(stranger))).json()).toMatchObject({ status: "ignored" });
    const other = fake.eventPayload("charge.succeeded", { id: "ch_1", object: "charge" }, "evt_other_type");
    expect(await (await post(other, fake.sign(other))).json()).toMatchObject({ status: "ignored" });
    expect(await db.stripeEvent.count({ where: { id: { in: ["evt_stranger", "evt_other_type"] } } })).toBe(2);
  });
});
