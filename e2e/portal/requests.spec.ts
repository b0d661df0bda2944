// The approvers' queue as a triage list: one line per request, filters in the URL, bulk deny
// with one reason (after a confirmation); the requester sees what they asked and the decision.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";
import { closeDb, expectAccessible, sql } from "../fixtures/admin";
import { expectToastAfter } from "../fixtures/toast";

const tag = Date.now().toString(36);
const NAMES = [`triage-a-${tag}`, `triage-b-${tag}`, `triage-c-${tag}`];

test.describe.configure({ mode: "serial", timeout: 120_000 });

let dev: Page;
let approver: Page;
test.beforeAll(async ({ browser }) => {
  dev = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  approver = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(dev, "dev@demo.latch.local");
  await signInAsDevUser(approver, "admin@demo.latch.local");
});
test.afterAll(async () => {
  await sql(`UPDATE "KeyRequest" SET status = 'cancelled' WHERE name LIKE $1 AND status = 'pending'`, [`triage-%-${tag}`]);
  await dev.context().close();
  await approver.context().close();
  await closeDb();
});

test("a developer files requests beyond the guardrails and sees what they asked", async () => {
  for (const [i, name] of NAMES.entries()) {
    await dev.goto("/keys/new");
    await dev.getByLabel("Name").fill(name);
    await dev.getByLabel("Requests / minute", { exact: true }).fill(String(5000 + i));
    await dev.getByLabel("Why do you need it?").fill(`Load test number ${i + 1} for the checkout service.`);
    await dev.getByRole("button", { name: "Request approval" }).click();
    await expect(dev.getByTestId("request-sent")).toBeVisible();
  }
  await dev.goto("/keys");
  const mine = dev.getByTestId("my-request").filter({ hasText: NAMES[0]! });
  await expect(mine.getByTestId("request-asked")).toContainText("requests / minute 5,000");
  await expect(mine.getByTestId("request-asked")).toContainText("Load test number 1 for the checkout service.");
});

test("the approver triages: a compact list, filters, and bulk deny after a confirmation", async () => {
  await approver.goto("/requests");
  const table = approver.getByTestId("triage-table");
  for (const name of NAMES) await expect(table.locator(`[data-request-name="${name}"]`)).toContainText("Requests / minute");
  await approver.getByLabel("Search requests").fill(NAMES[1]!);
  await approver.getByRole("button", { name: "Filter" }).click();
  await expect(approver).toHaveURL(new RegExp(`q=${NAMES[1]}`));
  await expect(table.getByTestId("triage-row")).toHaveCount(1);
  await approver.getByRole("link", { name: "Clear" }).click();
  await expect(approver).toHaveURL(/\/requests$/);
  await approver.getByLabel("Over the guardrails on").selectOption("rpmLimit");
  await approver.getByRole("button", { name: "Filter" }).click();
  for (const name of NAMES) await expect(table.locator(`[data-request-name="${name}"]`)).toBeVisible();
  const height = await approver.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "the queue stays compact").toBeLessThan(2000);
  await shoot(approver, "requests-triage");
  await expectAccessible(approver, "requests triage");

  await table.getByLabel(`Select ${NAMES[0]}`).check();
  await table.getByLabel(`Select ${NAMES[2]}`).check();
  await approver.getByLabel("Reason for denying the selected requests").fill("Use the shared load-test key instead.");
  await approver.getByRole("button", { name: "Deny selected (2)" }).click();
  const dialog = approver.getByRole("alertdialog", { name: "Deny 2 requests?" });
  await expectToastAfter(approver, () => dialog.getByRole("button", { name: "Deny" }).click(), "2 requests denied.");
  await expect(table.locator(`[data-request-name="${NAMES[0]}"]`)).toHaveCount(0);
  await expect(table.locator(`[data-request-name="${NAMES[1]}"]`)).toBeVisible();
  const rows = await sql<{ name: string; status: string; reason: string | null }>(
    `SELECT name, status, reason FROM "KeyRequest" WHERE name = ANY($1) ORDER BY name`,
    [NAMES],
  );
  expect(rows.map((r) => [r.status, r.reason])).toEqual([
    ["denied", "Use the shared load-test key instead."],
    ["pending", null],
    ["denied", "Use the shared load-test key instead."],
  ]);
});

test("a request opens on its own page with the grant form; the requester reads the decision", async () => {
  await approver.getByTestId("triage-table").getByRole("link", { name: NAMES[1] }).click();
  await expect(approver).toHaveURL(/\/requests\/[^/]+$/);
  const card = approver.getByTestId("pending-request");
  await expect(card.getByTestId("justification")).toHaveText("Load test number 2 for the checkout service.");
  await card.getByLabel("Reason for denying").fill("Not this week.");
  await card.getByRole("button", { name: "Deny" }).click();
  await expect(approver).toHaveURL(/\/requests$/);
  await dev.goto("/keys");
  await expect(dev.getByTestId("my-request").filter({ hasText: NAMES[0]! }).getByTestId("request-reason")).toHaveText(
    "Reason: Use the shared load-test key instead.",
  );
});
