// Self-hosted (no STRIPE_SECRET_KEY): no limits, no paid features held back, no webhook endpoint,
// no Stripe calls, whatever the plan column says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { provisionSsoUser } from "@/lib/auth/provision";
import { assertPlanAllows, currentPlan, planAllows } from "@/lib/billing/plan-limits";
import { billingEnabled, PLANS } from "@/lib/billing/plans";
import { queueSeatSync, seatSyncsSettled } from "@/lib/billing/seats";

let app: TestGateway;
beforeAll(async () => (app = await startAppServer()));
afterAll(() => app.close());

describe("billing off", () => {
  it("is off without a Stripe key", () => {
    expect(billingEnabled()).toBe(false);
  });

  it("lets a Free-plan org past every plan limit and feature gate", async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    expect(await currentPlan(t.org.id)).toBeNull();
    for (let i = 0; i <= PLANS.free.limits.activeKeys!; i++) await t.key({ name: `k${i}` });
    expect(await db.virtualKey.count({ where: { orgId: t.org.id, status: "active" } })).toBe(PLANS.free.limits.activeKeys! + 1);
    expect(await planAllows(t.org.id, "idp_connection")).toBe(true);
    await expect(assertPlanAllows(t.org.id, "approvals")).resolves.toBeUndefined();

    const domain = `${t.org.slug}.test`;
    await db.organization.update({ where: { id: t.org.id }, data: { emailDomains: [domain] } });
    for (const n of [1, 2, 3]) expect(await provisionSsoUser({ email: `p${n}@${domain}` })).toMatchObject({ ok: true });
    queueSeatSync(t.org.id);
    await seatSyncsSettled();
  });

  it("has no webhook endpoint", async () => {
    const res = await fetch(`${app.url}/api/stripe/webhook`, { method: "POST", headers: { "stripe-signature": "t=1,v1=x" }, body: "{}" });
    expect(res.status).toBe(404);
  });
});
