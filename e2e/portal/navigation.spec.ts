// Navigation by role: the sidebar offers each person exactly the pages the permission table lets
// them open (no link ends on a 404), approvers get the dashboards they may read, and the pages
// that used to be reachable only by URL (single sign-on, classification, API reference) are linked.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { closeDb, expectAccessible, sql } from "../fixtures/admin";

const tag = Date.now().toString(36);
const APPROVER = `nav-approver-${tag}@demo.latch.local`;

test.describe.configure({ mode: "serial", timeout: 90_000 });

test.beforeAll(async () => {
  await sql(`INSERT INTO "User" (id, email, name, "updatedAt") VALUES ($1, $2, 'Nav Approver', now())`, [`nav_${tag}`, APPROVER]);
  await sql(
    `INSERT INTO "Membership" (id, "orgId", "userId", role, "updatedAt") SELECT $1, id, $2, 'approver', now() FROM "Organization" WHERE slug = 'demo'`,
    [`nav_m_${tag}`, `nav_${tag}`],
  );
});
test.afterAll(closeDb);

async function sidebarLinks(page: Page, nav: string) {
  return page
    .getByRole("navigation", { name: nav })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => ({ label: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })));
}

/** Every link answers 200 for this person (a 404 would mean a page their role may not open). */
async function expectAllOpen(page: Page, links: { label: string; href: string }[]) {
  for (const { label, href } of links) {
    const res = await page.request.get(new URL(href, APP_URL).toString(), { maxRedirects: 0 });
    expect(res.status(), `${label} (${href})`).toBe(200);
  }
}

test("an approver sees their own navigation: the dashboards they may read, no admin pages", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, APPROVER);
  const insights = await sidebarLinks(page, "Insights");
  expect(insights.map((l) => l.label)).toEqual(["Dashboards", "Classification", "Security"]);
  await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  const main = await sidebarLinks(page, "Main");
  expect(main.map((l) => l.label.replace(/\d+ waiting$/, "").trim())).toEqual(["Keys", "Requests", "API reference"]);
  await expectAllOpen(page, [...main, ...insights]);
  await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Dashboards" }).click();
  // Six dashboard queries on a loaded machine can take longer than the default 5 s.
  await expect(page.getByRole("heading", { name: "Attribution" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("link", { name: "Dashboards" })).toHaveAttribute("aria-current", "page");
  await expectAccessible(page, "approver dashboards");
  await page.context().close();
});

test("an admin's sidebar links every console page, single sign-on, classification and the API reference", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, "admin@demo.latch.local");
  const admin = await sidebarLinks(page, "Admin");
  for (const label of ["Dashboards", "Classification", "Members", "Teams", "Providers", "Org settings", "Single sign-on", "Audit log"])
    expect(admin.map((l) => l.label)).toContain(label);
  const main = await sidebarLinks(page, "Main");
  expect(main.map((l) => l.label)).toContain("API reference");
  await expectAllOpen(page, [...main, ...admin]);
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Single sign-on" }).click();
  await expect(page).toHaveURL(/\/settings\/sso$/);
  await expect(page.getByRole("link", { name: "Single sign-on" })).toHaveAttribute("aria-current", "page");
  await page.context().close();
});

test("a developer sees only their own pages, and on a phone the menu folds away", async ({ browser }) => {
  const page = await (await browser.newContext({ baseURL: APP_URL, viewport: { width: 390, height: 844 } })).newPage();
  await signInAsDevUser(page, "dev@demo.latch.local");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  const main = await sidebarLinks(page, "Main");
  expect(main.map((l) => l.label)).toEqual(["Keys", "API reference"]);
  await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Insights" })).toHaveCount(0);
  await expectAllOpen(page, main);
  await page.context().close();
});
