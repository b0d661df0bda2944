// Admin forms people can trust: a saved choice stays on screen (and so is not written back on
// the next save), a refused form keeps what was typed and names the field in plain words, and
// the rules behind the guardrails (defaults within maxima, valid model patterns, unique team
// names, a start date before the end date) are enforced where an admin sets them.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { closeDb, sql } from "../fixtures/admin";
import { expectToastAfter } from "../fixtures/toast";

const ADMIN = "admin@demo.latch.local";
const DEV = "dev@demo.latch.local";
const tag = Date.now().toString(36);

test.describe.configure({ mode: "serial", timeout: 90_000 });

let page: Page;
type OrgRow = { defaultKeyPolicy: unknown; maxKeyPolicy: unknown; approvalRules: unknown; budgetFailMode: string };
let saved: OrgRow;

test.beforeAll(async ({ browser }) => {
  [saved] = (await sql<OrgRow>(`SELECT "defaultKeyPolicy", "maxKeyPolicy", "approvalRules", "budgetFailMode" FROM "Organization" WHERE slug = 'demo'`)) as [
    OrgRow,
  ];
  page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, ADMIN);
});
test.afterAll(async () => {
  // Later spec files in the same run start from the seeded guardrails.
  await sql(`UPDATE "Organization" SET "defaultKeyPolicy" = $1, "maxKeyPolicy" = $2, "approvalRules" = $3, "budgetFailMode" = $4 WHERE slug = 'demo'`, [
    JSON.stringify(saved.defaultKeyPolicy),
    JSON.stringify(saved.maxKeyPolicy),
    JSON.stringify(saved.approvalRules),
    saved.budgetFailMode,
  ]);
  await sql(`UPDATE "Membership" m SET role = 'developer' FROM "User" u WHERE u.id = m."userId" AND u.email = $1`, [DEV]);
  await page.context().close();
  await closeDb();
});

const role = async (email: string) =>
  (await sql<{ role: string }>(`SELECT m.role FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`, [email]))[0]?.role;

test("a member's new role stays selected after saving, and a second save keeps it", async () => {
  await page.goto("/admin/members");
  const row = page.getByTestId("members-list").locator(`[data-email="${DEV}"]`);
  await row.getByLabel(`Role of ${DEV}`).selectOption("approver");
  await expectToastAfter(page, () => row.getByRole("button", { name: "Set role" }).click());
  await expect(row.getByLabel(`Role of ${DEV}`)).toHaveValue("approver");
  await expectToastAfter(page, () => row.getByRole("button", { name: "Set role" }).click());
  expect(await role(DEV)).toBe("approver");
  await expect(row.getByLabel(`Role of ${DEV}`)).toHaveValue("approver");
});

test("org settings and guardrail selects keep the saved choice", async () => {
  await page.goto("/admin/settings");
  const settings = page.getByTestId("org-settings-form");
  await settings.getByLabel("If the budget store is down").selectOption("open");
  await settings.getByLabel("Cap period").selectOption("weekly");
  await expectToastAfter(page, () => settings.getByRole("button", { name: "Save settings" }).click());
  await expect(settings.getByLabel("If the budget store is down")).toHaveValue("open");
  await expect(settings.getByLabel("Cap period")).toHaveValue("weekly");

  const guardrails = page.getByTestId("guardrails-form");
  await guardrails.getByLabel("Keys without expiry").selectOption("true");
  await guardrails.getByLabel("Spend cap above the maximum").selectOption("forbidden");
  await expectToastAfter(page, () => guardrails.getByRole("button", { name: "Save guardrails" }).click());
  await expect(guardrails.getByLabel("Keys without expiry")).toHaveValue("true");
  await expect(guardrails.getByLabel("Spend cap above the maximum")).toHaveValue("forbidden");
  // Saving again (e.g. after another edit) must not write the old values back.
  await expectToastAfter(page, () => guardrails.getByRole("button", { name: "Save guardrails" }).click());
  const [org] = await sql<{ maxKeyPolicy: { allowNoExpiry?: boolean }; approvalRules: { onExceed: Record<string, string> }; budgetFailMode: string }>(
    `SELECT "maxKeyPolicy", "approvalRules", "budgetFailMode" FROM "Organization" WHERE slug = 'demo'`,
  );
  expect(org!.maxKeyPolicy.allowNoExpiry).toBe(true);
  expect(org!.approvalRules.onExceed.spendCapUsd).toBe("forbidden");
  expect(org!.budgetFailMode).toBe("open");
});

/** The field's error is shown under it in plain words and the control is marked invalid. */
async function expectFieldError(form: ReturnType<Page["getByTestId"]>, label: string, message: RegExp) {
  const control = form.getByLabel(label, { exact: true });
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await control.getAttribute("aria-describedby")) ?? "";
  const texts = await Promise.all(
    describedBy
      .split(" ")
      .filter(Boolean)
      .map((id) => form.locator(`[id="${id}"]`).textContent()),
  );
  expect(texts.join(" ")).toMatch(message);
}

test("a refused form keeps the input, highlights the field and says what is wrong in plain words", async () => {
  await page.goto("/admin/settings");
  const guardrails = page.getByTestId("guardrails-form");
  await guardrails.getByLabel("Default spend cap (USD)").fill("ten dollars");
  await guardrails.getByLabel("Default requests/min").fill("30");
  await guardrails.getByLabel("Keys without expiry").selectOption("false");
  await guardrails.getByRole("button", { name: "Save guardrails" }).click();
  const banner = guardrails.getByTestId("form-error");
  await expect(banner).toBeVisible();
  await expect(banner).not.toContainText("d_spendCapUsd");
  await expect(banner).not.toContainText("NaN");
  await expect(banner).not.toContainText("Invalid input");
  await expectFieldError(guardrails, "Default spend cap (USD)", /enter a number/i);
  await expect(guardrails.getByLabel("Default spend cap (USD)")).toHaveValue("ten dollars");
  await expect(guardrails.getByLabel("Default requests/min")).toHaveValue("30");
  await expect(guardrails.getByLabel("Keys without expiry")).toHaveValue("false");
});

test("defaults above the maxima are refused with a field error", async () => {
  await page.goto("/admin/settings");
  const guardrails = page.getByTestId("guardrails-form");
  await guardrails.getByLabel("Max requests/min").fill("100");
  await guardrails.getByLabel("Default requests/min").fill("500");
  await guardrails.getByRole("button", { name: "Save guardrails" }).click();
  await expect(guardrails.getByTestId("form-error")).toBeVisible();
  await expectFieldError(guardrails, "Default requests/min", /above the maximum/i);
  await expect(guardrails.getByLabel("Default requests/min")).toHaveValue("500");
  const [org] = await sql<{ defaultKeyPolicy: { rpmLimit?: number } }>(`SELECT "defaultKeyPolicy" FROM "Organization" WHERE slug = 'demo'`);
  expect(org!.defaultKeyPolicy.rpmLimit).not.toBe(500);
});

test("model patterns follow the glob grammar", async () => {
  await page.goto("/admin/settings");
  const guardrails = page.getByTestId("guardrails-form");
  for (const bad of ["[[[", "***", "gpt 4o", "<b>x</b>"]) {
    await guardrails.getByLabel("Allowed models").fill(bad);
    await guardrails.getByRole("button", { name: "Save guardrails" }).click();
    await expect(guardrails.getByTestId("form-error"), bad).toBeVisible();
    await expectFieldError(guardrails, "Allowed models", /pattern/i);
    await expect(guardrails.getByLabel("Allowed models")).toHaveValue(bad);
  }
  const [org] = await sql<{ maxKeyPolicy: { allowedModels?: string[] } }>(`SELECT "maxKeyPolicy" FROM "Organization" WHERE slug = 'demo'`);
  expect(org!.maxKeyPolicy.allowedModels ?? []).not.toContain("[[[");
});

test("a second team with the same name is refused", async () => {
  await page.goto("/admin/teams");
  const form = page.getByTestId("create-team-form");
  await form.getByLabel("Team name").fill(`Dup ${tag}`);
  await form.getByLabel(ADMIN).check();
  await expectToastAfter(page, () => form.getByRole("button", { name: "Create team" }).click());
  await form.getByLabel("Team name").fill(`dup ${tag} `);
  await form.getByRole("button", { name: "Create team" }).click();
  await expectFieldError(form, "Team name", /already/i);
  const teams = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Team" WHERE lower(name) = lower($1)`, [`Dup ${tag}`]);
  expect(teams[0]!.n).toBe(1);
  await page
    .getByTestId("teams-table")
    .getByRole("link", { name: `Dup ${tag}` })
    .click();
  await expect(page.getByText(/Team · 1 member ·/)).toBeVisible();
});

test("an inverted date range is an error, not silently replaced", async () => {
  await page.goto("/admin?range=custom&from=2026-03-10&to=2026-03-01");
  await expect(page.getByTestId("range-error")).toContainText(/start date is after the end date/i);
  await expect(page.getByLabel("From (custom)")).toHaveValue("2026-03-10");
  await expect(page.getByLabel("To (custom)")).toHaveValue("2026-03-01");
});

test("copy: counts are pluralised and filter labels are whole", async () => {
  await page.goto("/admin/members");
  const admin = page.getByTestId("members-list").locator(`[data-email="${ADMIN}"]`);
  await expect(admin).not.toContainText(/\b1 active keys\b/);
  await expect(admin).toContainText(/\b(no|\d+) active keys?\b/);
  await page.goto("/keys?q=no-such-key");
  for (const label of ["Status", "Owner"]) {
    // Room for the longest option's text beside the native arrow.
    const fits = await page.getByLabel(label, { exact: true }).evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const widest = Math.max(...[...el.options].map((o) => ctx.measureText(o.text).width));
      return widest + parseFloat(style.paddingLeft) + 16 <= el.clientWidth;
    });
    expect(fits, `the ${label} filter's label is cut off`).toBe(true);
  }
});

test("the app has a favicon", async () => {
  await page.goto("/keys");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.request.get(new URL(href!, APP_URL).toString());
  expect(res.status()).toBe(200);
});

test("the dashboards show the onboarding checklist while a setup step is left, pointing at it", async () => {
  // Earlier specs (the proxy project) set the demo org up; undo one step so one is left, whatever ran before.
  const [row] = await sql<{ policy: string | null }>(`SELECT "maxKeyPolicy"::text AS policy FROM "Organization" WHERE slug = 'demo'`);
  const policy = row?.policy ?? "{}";
  await sql(`UPDATE "Organization" SET "maxKeyPolicy" = '{}' WHERE slug = 'demo'`);
  try {
    await page.goto("/admin");
    const steps = page.getByTestId("onboarding").getByTestId("onboarding-step");
    await expect(steps).toHaveCount(5);
    const left = steps.and(page.locator('[data-done="false"]'));
    await expect(left.first().getByRole("link")).toHaveAttribute("href", /^\/admin\/(providers|settings)$/);
    await expect(steps.nth(2)).toHaveAttribute("data-done", "false"); // guardrails
    await expect(steps.nth(2).getByRole("link")).toHaveAttribute("href", "/admin/settings");
  } finally {
    await sql(`UPDATE "Organization" SET "maxKeyPolicy" = $1::jsonb WHERE slug = 'demo'`, [policy]);
  }
});

test("tables sort by a column and filter by a search", async () => {
  await page.goto("/admin/teams");
  const table = page.getByTestId("teams-table");
  await page.getByLabel("Search Teams").fill(`dup ${tag}`);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.getByLabel("Search Teams").fill("");
  await table.getByRole("button", { name: "Team" }).click();
  await expect(table.getByRole("columnheader", { name: /Team/ })).toHaveAttribute("aria-sort", "ascending");
  const names = await table.locator('td[data-column="name"]').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true })));
});
