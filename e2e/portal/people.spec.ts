// People from the portal: an admin adds someone by email (pending until their first SSO
// sign-in, which keeps the role the admin picked), changes their role and deactivates them.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser, signInWithIdp } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";
import { closeDb, expectAccessible, sql } from "../fixtures/admin";
import { expectToastAfter } from "../fixtures/toast";

const login = `newbie-${Date.now().toString(36)}`;
const EMAIL = `${login}@demo.latch.local`; // the kit IdP gives on-the-fly users the demo org's domain

test.describe.configure({ mode: "serial", timeout: 90_000 });

let admin: Page;
test.beforeAll(async ({ browser }) => {
  admin = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(admin, "admin@demo.latch.local");
});
test.afterAll(async () => {
  await admin.context().close();
  await closeDb();
});

const row = () => admin.getByTestId("members-list").locator(`[data-email="${EMAIL}"]`);

test("an admin adds a person by email; they are pending with the chosen role", async () => {
  await admin.goto("/admin/members");
  const form = admin.getByTestId("invite-form");
  await form.getByLabel("Work email").fill("someone@elsewhere.test");
  await form.getByRole("button", { name: "Add person" }).click();
  await expect(form.getByTestId("field-error")).toContainText("Only addresses at @demo.latch.local");
  await expect(form.getByLabel("Work email")).toHaveValue("someone@elsewhere.test");

  await form.getByLabel("Work email").fill(EMAIL);
  await form.getByLabel("Role").selectOption("approver");
  await expectToastAfter(admin, () => form.getByRole("button", { name: "Add person" }).click(), `${EMAIL} added`);
  await expect(row().getByTestId("pending-badge")).toHaveText("Pending sign-in");
  await expect(row().getByLabel(`Role of ${EMAIL}`)).toHaveValue("approver");
  await shoot(admin, "admin-members");
  await expectAccessible(admin, "members");
});

test("their first SSO sign-in lands them in the org with that role, and pending ends", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInWithIdp(page, { appUrl: APP_URL, idpName: "Acme SSO", login });
  await expect(page.getByTestId("user-role")).toHaveText("approver");
  await page.context().close();
  await admin.goto("/admin/members");
  await expect(row()).toBeVisible();
  await expect(row().getByTestId("pending-badge")).toHaveCount(0);
});

test("the admin changes the role and deactivates them from the portal", async () => {
  await row().getByLabel(`Role of ${EMAIL}`).selectOption("developer");
  await expectToastAfter(admin, () => row().getByRole("button", { name: "Set role" }).click());
  await row().getByRole("link", { name: EMAIL }).click();
  await admin.getByRole("button", { name: "Deactivate" }).click();
  const dialog = admin.getByRole("alertdialog");
  await expect(dialog).toContainText(`Deactivate ${EMAIL}?`);
  await expectToastAfter(admin, () => dialog.getByRole("button", { name: "Deactivate" }).click(), "Member deactivated");
  const [m] = await sql<{ role: string; active: boolean }>(
    `SELECT m.role, m.active FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`,
    [EMAIL],
  );
  expect(m).toEqual({ role: "developer", active: false });
});

test("the audit log names who did what to whom, shows the change readably and filters by email", async () => {
  await admin.goto("/admin/audit?action=member.role_changed");
  await admin.getByLabel("By (email)").fill("admin@demo.latch.local");
  await admin.getByRole("button", { name: "Filter" }).click();
  const row = admin.getByTestId("audit-table").locator("tr", { hasText: EMAIL });
  await expect(row.locator('td[data-column="actor"]')).toHaveText("admin@demo.latch.local");
  await expect(row.locator('td[data-column="target"]')).toHaveText(`user “${EMAIL}”`);
  await expect(row.locator('td[data-column="details"]')).toContainText("role: approver → developer");
  await expect(row).not.toContainText("{");
  await admin.getByLabel("By (email)").fill("nobody@demo.latch.local");
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin.getByText("No events match.")).toBeVisible();
  await shoot(admin, "admin-audit");
  await expectAccessible(admin, "audit log");
});
