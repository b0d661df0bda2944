// Billing in the browser. Hosted SaaS (a second app with Stripe settings, against the fake Stripe):
// an admin sees plan, seats and limits, upgrades through Checkout and lands on Team once the
// signed webhook arrives, then reaches the customer portal. Self-hosted (the shared app, no
// Stripe settings): there is no billing page, no nav entry and no webhook endpoint.
import { expect, test, type Browser, type Page } from "../fixtures/test";
import { APP_URL, BILLING_APP_URL, BILLING_PRICES, FAKE_STRIPE_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { expectAccessible } from "../fixtures/admin";
import { shoot } from "../fixtures/screenshots";

const ADMIN = "admin@demo.latch.local";
const DEV = "dev@demo.latch.local";

test.describe.configure({ mode: "serial", timeout: 60_000 });

async function signedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signInAsDevUser(page, email);
  return page;
}

test.describe("billing on (hosted)", () => {
  let page: Page;
  test.beforeAll(async ({ browser }) => (page = await signedIn(browser, BILLING_APP_URL, ADMIN)));
  test.afterAll(() => page.context().close());

  test("shows the Free plan with its limits and the three plans", async () => {
    await page.goto("/admin");
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Billing" }).click();
    await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
    await expect(page.getByTestId("plan-name")).toHaveText("Free");
    await expect(page.getByTestId("billing-status")).toHaveText("No subscription");
    await expect(page.getByTestId("seat-count")).toHaveText("2 of 3");
    await expect(page.getByTestId("active-keys")).toHaveText("0 of 10");
    await expect(page.getByTestId("plan-team")).toContainText("$12 per member / month");
    await expect(page.getByTestId("plan-enterprise")).toContainText("Unlimited active keys");
    await expect(page.getByRole("button", { name: "Manage billing" })).toHaveCount(0);
    await shoot(page, "billing-01-free");
    await expectAccessible(page, "billing (free)");
  });

  test("upgrades to Team through Stripe Checkout", async () => {
    await page.getByTestId("upgrade-team").getByRole("button", { name: "Upgrade to Team" }).click();
    await page.waitForURL(`${FAKE_STRIPE_URL}/checkout/**`);
    await expect(page.getByTestId("checkout-line")).toHaveText(`2 × ${BILLING_PRICES.team}`);
    await page.getByRole("button", { name: "Pay and subscribe" }).click();
    await page.waitForURL(`${BILLING_APP_URL}/admin/billing?checkout=success`);
    await expect(page.getByTestId("checkout-success")).toBeVisible();
    await expect(page.getByTestId("plan-name")).toHaveText("Team");
    await expect(page.getByTestId("billing-status")).toHaveText("Active");
    await expect(page.getByTestId("seat-count")).toHaveText("2");
    await expect(page.getByTestId("billed-seats")).toHaveText("2 billed");
    await expect(page.getByTestId("invoice-amount")).toHaveText("$24.00");
    await expect(page.getByTestId("plan-team")).toContainText("Current");
    await expect(page.getByRole("button", { name: /Upgrade to/ })).toHaveCount(0);
    await shoot(page, "billing-02-team");
    await expectAccessible(page, "billing (team)");
  });

  test("opens the Stripe customer portal and comes back", async () => {
    await page.getByRole("button", { name: "Manage billing" }).click();
    await page.waitForURL(`${FAKE_STRIPE_URL}/portal/**`);
    await page.getByRole("link", { name: "Return to Latch" }).click();
    await page.waitForURL(`${BILLING_APP_URL}/admin/billing`);
    await expect(page.getByTestId("plan-name")).toHaveText("Team");
  });

  test("records every billing change in the audit log", async () => {
    await page.goto("/admin/audit?action=billing.");
    for (const action of ["billing.customer_created", "billing.checkout_started", "billing.checkout_completed", "billing.portal_opened"])
      await expect(page.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  });

  test("is not there for a developer", async ({ browser }) => {
    const dev = await signedIn(browser, BILLING_APP_URL, DEV);
    expect((await dev.goto("/admin/billing"))?.status()).toBe(404);
    await dev.context().close();
  });
});

test.describe("billing off (self-hosted)", () => {
  test("has no billing page, nav entry or webhook endpoint", async ({ browser }) => {
    const page = await signedIn(browser, APP_URL, ADMIN);
    await page.goto("/admin");
    const nav = page.getByRole("navigation", { name: "Admin" });
    await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Billing" })).toHaveCount(0);
    expect((await page.goto("/admin/billing"))?.status()).toBe(404);
    const webhook = await page.request.post("/api/stripe/webhook", { data: "{}", headers: { "stripe-signature": "t=1,v1=0" } });
    expect(webhook.status()).toBe(404);
    await page.context().close();
  });
});
