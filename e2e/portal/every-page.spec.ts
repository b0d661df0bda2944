// Every portal page, as an admin of the demo org with a little of everything in it: each renders
// its page header, passes axe with no serious or critical finding in light and dark mode, and is
// shot on a desktop, in dark mode and at phone width (e2e/screenshots/<page>-<variant>.png).
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { closeDb, expectAccessible, mintKey, sql } from "../fixtures/admin";
import { shoot } from "../fixtures/screenshots";

const ADMIN = "admin@demo.latch.local";
const DEV = "dev@demo.latch.local";
const ADMIN_TOKEN = "latch_admin_e2e_bootstrap_token_0123456789abcdef";
const tag = Date.now().toString(36);
/** One request the page tests share, whatever worker (after a failure, a new one) opens it. */
const REQUEST = "every-page-request";

// Generous: the API reference is one long page, and a full-page shot of it at phone width takes a while.
test.describe.configure({ timeout: 300_000 });

let page: Page;
const ids = { key: "", team: "", user: "", request: "" };

test.beforeAll(async ({ browser }) => {
  const pending = () => sql<{ id: string }>(`SELECT id FROM "KeyRequest" WHERE name = $1 AND status = 'pending'`, [REQUEST]);
  if ((await pending()).length === 0) {
    const dev = await (await browser.newContext({ baseURL: APP_URL })).newPage();
    await signInAsDevUser(dev, DEV);
    await dev.goto("/keys/new");
    await dev.getByLabel("Name").fill(REQUEST);
    await dev.getByLabel("Requests / minute", { exact: true }).fill("9000");
    await dev.getByLabel("Why do you need it?").fill("A load test of the checkout service.");
    await dev.getByRole("button", { name: "Request approval" }).click();
    await expect(dev.getByTestId("request-sent")).toBeVisible();
    await dev.context().close();
  }

  const team = await fetch(`${APP_URL}/v1/teams`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name: `Every page ${tag}` }),
  });
  expect(team.ok, await team.clone().text()).toBe(true);
  ids.team = ((await team.json()) as { id: string }).id;
  ids.key = (await mintKey({ name: `every-page ${tag}`, owner_email: ADMIN })).id;
  ids.user = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [ADMIN]))[0]!.id;
  ids.request = (await pending())[0]!.id;

  page = await (await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 900 } })).newPage();
  await signInAsDevUser(page, ADMIN);
});
test.afterAll(async () => {
  await page.context().close();
  await closeDb();
});

/** [screenshot name, path]; ids are read when the test runs, after beforeAll filled them. */
const PAGES: [string, () => string][] = [
  ["keys", () => "/keys"],
  ["keys-new", () => "/keys/new"],
  ["key-detail", () => `/keys/${ids.key}`],
  ["requests", () => "/requests"],
  ["request-detail", () => `/requests/${ids.request}`],
  ["api-docs", () => "/api-docs"],
  ["settings-sso", () => "/settings/sso"],
  ["admin-dashboards", () => "/admin"],
  ["admin-classification", () => "/admin/classification"],
  ["admin-keys", () => "/admin/keys"],
  ["admin-members", () => "/admin/members"],
  ["admin-member-detail", () => `/admin/members/${ids.user}`],
  ["admin-teams", () => "/admin/teams"],
  ["admin-team-detail", () => `/admin/teams/${ids.team}`],
  ["admin-providers", () => "/admin/providers"],
  ["admin-prices", () => "/admin/prices"],
  ["admin-settings", () => "/admin/settings"],
  ["admin-scim", () => "/admin/scim"],
  ["admin-tokens", () => "/admin/tokens"],
  ["admin-security", () => "/admin/security"],
  ["admin-attribution", () => "/admin/attribution"],
  ["admin-mcp", () => "/admin/mcp"],
  ["admin-audit", () => "/admin/audit"],
  ["admin-chargeback", () => "/admin/usage/chargeback"],
  ["admin-usage-key", () => `/admin/usage/keys/${ids.key}`],
  ["admin-usage-user", () => `/admin/usage/users/${ids.user}`],
];

for (const [name, path] of PAGES) {
  test(`page ${name}: a page header, no serious axe findings, screenshots`, async () => {
    const response = await page.goto(path());
    expect(response?.status(), `${name} answers`).toBe(200);
    const header = page.getByTestId("page-header");
    await expect(header).toHaveCount(1);
    await expect(header.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expectAccessible(page, name);
    await shoot(page, `page-${name}`);
  });
}

test("the shared request is withdrawn again, so later specs start without it", async () => {
  await sql(`UPDATE "KeyRequest" SET status = 'cancelled' WHERE name = $1 AND status = 'pending'`, [REQUEST]);
});
