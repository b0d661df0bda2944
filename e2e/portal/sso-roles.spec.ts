// SSO through the deployment's Okta and Entra ID configurations (the kit IdP in those flavors):
// people land in the org that owns their email domain, with the role their IdP groups map to.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser, signInWithIdp } from "../fixtures/sign-in";
import { auditCount, seedOrg, sql } from "../fixtures/seed-org";
import { expectToastAfter } from "../fixtures/toast";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Umbrella's admin sets its group mapping in the portal (below); Globex's is already configured.
  await seedOrg({ slug: "umbrella", name: "Umbrella Corp", domains: ["umbrella.test"], admins: ["admin@umbrella.test"] });
  await seedOrg({
    slug: "globex",
    name: "Globex",
    domains: ["globex.test"],
    groupRoleMappings: { "globex-latch-admins": "admin", "globex-engineering": "developer" },
  });
});

async function expectLanded(page: Page, org: string, role: string, email: string) {
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId("org-name")).toHaveText(org);
  await expect(page.getByTestId("user-role")).toHaveText(role);
  await expect(page.getByText(email)).toBeVisible();
}

test("an admin maps Okta groups to roles in the portal", async ({ page }) => {
  await signInAsDevUser(page, "admin@umbrella.test");
  await page.goto("/settings/sso");
  await page.getByLabel("Group → role (configured IdPs)").fill("latch-approvers = approver\nengineering = developer");
  await expectToastAfter(page, () => page.getByRole("button", { name: "Save mapping" }).click(), "Mapping saved");
});

test("Okta: a developer and an approver land in Umbrella with the roles their groups map to", async ({ browser }) => {
  for (const [login, role] of [
    ["otto", "developer"],
    ["olga", "approver"],
  ] as const) {
    const context = await browser.newContext({ baseURL: APP_URL });
    const page = await context.newPage();
    await signInWithIdp(page, { appUrl: APP_URL, idpName: "Okta", login });
    await expectLanded(page, "Umbrella Corp", role, `${login}@umbrella.test`);
    await context.close();
  }
  expect(await auditCount("otto@umbrella.test", "user.signed_in")).toBe(1);
});

test("Entra ID: a developer and an admin land in Globex with the roles their groups map to", async ({ browser }) => {
  for (const [login, role] of [
    ["eli", "developer"],
    ["erin", "admin"],
  ] as const) {
    const context = await browser.newContext({ baseURL: APP_URL });
    const page = await context.newPage();
    await signInWithIdp(page, { appUrl: APP_URL, idpName: "Microsoft Entra ID", login });
    await expectLanded(page, "Globex", role, `${login}@globex.test`);
    await context.close();
  }
});

test("a developer cannot open the SSO settings", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  await signInWithIdp(page, { appUrl: APP_URL, idpName: "Okta", login: "otto" });
  const response = await page.goto("/settings/sso");
  expect(response?.status()).toBe(404);
  await context.close();
});

test("deactivating someone in Latch ends their session on the next request", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: APP_URL });
  const page = await context.newPage();
  await signInWithIdp(page, { appUrl: APP_URL, idpName: "Microsoft Entra ID", login: "eli" });
  await expectLanded(page, "Globex", "developer", "eli@globex.test");
  await sql(`UPDATE "Membership" SET active = false WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, ["eli@globex.test"]);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?error=NoAccess$/);
  await expect(page.getByText("Your Latch access has been deactivated or removed")).toBeVisible();
  await context.close();
});
