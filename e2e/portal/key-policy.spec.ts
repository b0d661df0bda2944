// The whole key policy in the portal: a developer narrows their own key (denied models picked
// from the routed ones, with what a pattern matches shown; output and cost ceilings; a
// classification level), the choices stay on screen after saving, and the gateway applies them.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";
import { chat, closeDb, expectAccessible, mintKey, sql } from "../fixtures/admin";
import { expectToastAfter } from "../fixtures/toast";

const DEV = "dev@demo.latch.local";
const name = `policy-${Date.now().toString(36)}`;

test.describe.configure({ mode: "serial", timeout: 90_000 });

let page: Page;
let key: { id: string; key: string };
test.beforeAll(async ({ browser }) => {
  key = await mintKey({ name, owner_email: DEV });
  page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, DEV);
});
test.afterAll(async () => {
  await page.context().close();
  await closeDb();
});

test("a developer denies a model picked from the routed ones and sets ceilings; the form keeps them", async () => {
  await chat(key.key, "echo");
  await page.goto(`/keys/${key.id}`);
  const form = page.getByTestId("restrictions-form");
  await form.getByLabel("Denied models").fill("ech*");
  await expect(form.getByTestId("deniedModels-matches")).toHaveText("Matches echo.");
  await form.getByLabel("Denied models").fill("");
  await form.getByRole("button", { name: "Add echo" }).click();
  await expect(form.getByLabel("Denied models")).toHaveValue("echo");
  await form.getByLabel("Max output tokens per request").fill("256");
  await form.getByLabel("Daily").fill("50000");
  await form.getByLabel("Most sensitive data allowed").selectOption("internal");
  await form.getByLabel("Above that level").selectOption("block");
  await expectToastAfter(page, () => form.getByRole("button", { name: "Save restrictions" }).click());
  await expect(form.getByLabel("Most sensitive data allowed")).toHaveValue("internal");
  await expect(form.getByLabel("Above that level")).toHaveValue("block");

  const [row] = await sql<{ deniedModels: string[]; maxOutputTokens: number; maxSensitivity: string }>(
    `SELECT "deniedModels", "maxOutputTokens", "maxSensitivity" FROM "VirtualKey" WHERE id = $1`,
    [key.id],
  );
  expect(row).toEqual({ deniedModels: ["echo"], maxOutputTokens: 256, maxSensitivity: "internal" });
  await page.reload();
  await expect(form.getByLabel("Denied models")).toHaveValue("echo");
  await expect(form.getByLabel("Daily")).toHaveValue("50000");
  await shoot(page, "key-restrictions");
  await expectAccessible(page, "key restrictions");
});

test("the gateway applies the restriction to the next request", async () => {
  await expect(chat(key.key, "echo")).rejects.toMatchObject({ status: 403 });
});

test("an address that is not an IP or CIDR range is refused in plain words, and the input stays", async () => {
  const form = page.getByTestId("restrictions-form");
  await form.getByLabel("Allowed IP addresses").fill("10.0.0.300");
  await form.getByRole("button", { name: "Save restrictions" }).click();
  await expect(form.getByLabel("Allowed IP addresses")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByTestId("field-error")).toContainText("not an IP address or CIDR range");
  await expect(form.getByLabel("Allowed IP addresses")).toHaveValue("10.0.0.300");
});
