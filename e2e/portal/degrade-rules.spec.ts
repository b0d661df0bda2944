// Degrade rules set in the portal: a refused rule keeps what was typed and names the input, a
// saved rule is what the page shows after a reload and what the gateway reads from the org.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { closeDb, sql } from "../fixtures/admin";
import { expectToastAfter } from "../fixtures/toast";

test.describe.configure({ mode: "serial", timeout: 90_000 });

let page: Page;
const stored = async () => (await sql<{ degradeRules: unknown }>(`SELECT "degradeRules" FROM "Organization" WHERE slug = 'demo'`))[0]?.degradeRules;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, "admin@demo.latch.local");
});
test.afterAll(async () => {
  await sql(`UPDATE "Organization" SET "degradeRules" = '[]' WHERE slug = 'demo'`);
  await page.context().close();
  await closeDb();
});

test("an org rule is refused with the input named, then saved and shown after a reload", async () => {
  await page.goto("/admin/settings");
  const form = page.getByTestId("degrade-form-org");
  await form.getByRole("button", { name: "Add rule" }).click();
  const rule = form.getByTestId("degrade-rule").first();
  await rule.getByLabel("Rule name").fill("cheaper-near-cap");
  await rule.getByLabel("From % of a cap").fill("180");
  await rule.getByLabel("Route models matching").fill("gpt-4o*");
  await rule.getByLabel("…to model").fill("gpt-4o-mini");
  await form.getByRole("button", { name: "Save degrade rules" }).click();
  await expect(rule.getByTestId("field-error")).toHaveText("A share of the cap between 1 and 100 %.");
  await expect(rule.getByLabel("From % of a cap")).toHaveAttribute("aria-invalid", "true");
  await expect(rule.getByLabel("Rule name")).toHaveValue("cheaper-near-cap"); // nothing typed is lost
  expect(await stored()).toEqual([]);

  await rule.getByLabel("From % of a cap").fill("80");
  await expectToastAfter(page, () => form.getByRole("button", { name: "Save degrade rules" }).click(), "1 degrade rule saved");
  expect(await stored()).toEqual([{ name: "cheaper-near-cap", atPercent: 80, route: { from: "gpt-4o*", to: "gpt-4o-mini" } }]);

  await page.reload();
  const shown = page.getByTestId("degrade-form-org").getByTestId("degrade-rule");
  await expect(shown).toHaveCount(1);
  await expect(shown.getByLabel("Rule name")).toHaveValue("cheaper-near-cap");
  await expect(shown.getByLabel("…to model")).toHaveValue("gpt-4o-mini");
});

test("a throttle rule is added beside it, and removing every rule clears them", async () => {
  await page.goto("/admin/settings");
  const form = page.getByTestId("degrade-form-org");
  await form.getByRole("button", { name: "Add rule" }).click();
  const second = form.getByTestId("degrade-rule").nth(1);
  await second.getByLabel("Rule name").fill("slow-down");
  await second.getByLabel("From % of a cap").fill("95");
  await second.getByLabel("Or throttle to (req/min)").fill("10");
  await expectToastAfter(page, () => form.getByRole("button", { name: "Save degrade rules" }).click(), "2 degrade rules saved");
  expect(await stored()).toEqual([
    { name: "cheaper-near-cap", atPercent: 80, route: { from: "gpt-4o*", to: "gpt-4o-mini" } },
    { name: "slow-down", atPercent: 95, throttleRpm: 10 },
  ]);

  await form.getByRole("button", { name: "Remove rule 1" }).click();
  await form.getByRole("button", { name: "Remove rule 1" }).click();
  await expectToastAfter(page, () => form.getByRole("button", { name: "Save degrade rules" }).click(), "Degrade rules removed");
  expect(await stored()).toEqual([]);
});
