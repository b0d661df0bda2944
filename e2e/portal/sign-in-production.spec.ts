// The same build started as production without LATCH_DEV_SIGN_IN (PROD_APP_URL): dev sign-in
// must be absent from the page and from Auth.js, while the configured IdPs are offered.
import { expect, test } from "../fixtures/test";
import { PROD_APP_URL } from "../../playwright.config";

test("a production build offers no dev sign-in", async ({ page, request }) => {
  await page.goto(`${PROD_APP_URL}/sign-in`);
  await expect(page.getByRole("button", { name: "Continue with Okta" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue with Microsoft Entra ID" })).toBeVisible();
  await expect(page.getByText("Dev sign-in")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Sign in as / })).toHaveCount(0);

  const providers = (await (await request.get(`${PROD_APP_URL}/api/auth/providers`)).json()) as Record<string, unknown>;
  expect(Object.keys(providers).sort()).toEqual(["microsoft-entra-id", "oidc", "okta"]);
  // Nor can the credentials endpoint be called directly.
  const direct = await request.post(`${PROD_APP_URL}/api/auth/callback/dev`, { form: { email: "admin@demo.latch.local" }, maxRedirects: 0 });
  expect(direct.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=/);
});
