// Multi-tenant SSO: Initech's admin connects Initech's own IdP in the portal, verifies it with a
// test sign-in, enables it, and Initech's people are then routed to it by their email domain.
import { expect, test } from "../fixtures/test";
import { APP_URL, ORG_IDP_CLIENT, ORG_IDP_ISSUER } from "../../playwright.config";
import { completeIdpLogin, signInAsDevUser, signInWithEmail } from "../fixtures/sign-in";
import { seedOrg } from "../fixtures/seed-org";
import { expectToastAfter } from "../fixtures/toast";

test.describe.configure({ mode: "serial", timeout: 60_000 });

test.beforeAll(async () => {
  await seedOrg({ slug: "initech", name: "Initech", domains: ["initech.test"], admins: ["admin@initech.test"] });
});

test("an admin adds the org's IdP, verifies it with a test sign-in and enables it", async ({ page }) => {
  await signInAsDevUser(page, "admin@initech.test");
  await page.goto("/settings/sso");
  await page.getByLabel("Type").selectOption("okta");
  await page.getByLabel("Issuer URL").fill(ORG_IDP_ISSUER);
  await page.getByLabel("Client ID").fill(ORG_IDP_CLIENT.id);
  await page.getByLabel("Client secret").fill(ORG_IDP_CLIENT.secret);
  await page.getByLabel("Group → role (this connection)").fill("initech-approvers = approver");
  await expectToastAfter(page, () => page.getByRole("button", { name: "Add connection" }).click(), "Connection added");

  const row = page.getByTestId("idp-connection");
  await expect(row.getByTestId("idp-connection-status")).toHaveText("Pending");
  await expect(row.getByRole("button", { name: "Enable" })).toBeDisabled();

  // The test run goes through the IdP as one of Initech's accounts and back, without signing the admin out.
  await row.getByRole("button", { name: "Test sign-in" }).click();
  await completeIdpLogin(page, { appUrl: APP_URL, login: "it-admin" });
  await expect(page).toHaveURL(/\/settings\/sso\?test=ok$/);
  await expect(page.getByTestId("sso-notice")).toContainText("verified");
  await expect(page.getByTestId("user-role")).toHaveText("admin");

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByTestId("idp-connection-status")).toHaveText("Enabled");
});

test("an Initech user is routed to Initech's IdP by email and provisioned with the connection's mapping", async ({ browser }) => {
  // A fresh browser: no IdP session left over from the admin's test run.
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  await signInWithEmail(page, { appUrl: APP_URL, email: "ian@initech.test", login: "ian" });
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId("org-name")).toHaveText("Initech");
  await expect(page.getByTestId("user-role")).toHaveText("approver");
  await context.close();
});

test("an unknown email domain is told its organisation is not set up, before any IdP", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email").fill(`mallory-${Date.now()}@unknown-corp.test`);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\/not-set-up\?reason=unknown_domain$/);
  await expect(page.getByRole("heading", { name: "Your organisation is not set up" })).toBeVisible();
});
