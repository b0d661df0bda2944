import { expect, test } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInWithIdp } from "../fixtures/sign-in";

// Must match OIDC_NAME in playwright.config.ts.
const IDP_NAME = "Acme SSO";

test("first SSO sign-in from the demo org's domain provisions a developer", async ({ page }) => {
  const login = `sso-${Date.now()}`;
  await signInWithIdp(page, { appUrl: APP_URL, idpName: IDP_NAME, login });

  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId("org-name")).toHaveText("Demo Org");
  await expect(page.getByTestId("user-role")).toHaveText("developer");
  await expect(page.getByText(`${login}@demo.latch.local`)).toBeVisible();
  await expect(page.getByText("No keys yet.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a user from an unknown domain is refused and told the organisation is not set up", async ({ page }) => {
  await signInWithIdp(page, { appUrl: APP_URL, idpName: IDP_NAME, login: `mallory-${Date.now()}@unknown-corp.test` });

  await expect(page).toHaveURL(/\/sign-in\/not-set-up\?reason=unknown_domain$/);
  await expect(page.getByRole("heading", { name: "Your organisation is not set up" })).toBeVisible();
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/sign-in/);
});
