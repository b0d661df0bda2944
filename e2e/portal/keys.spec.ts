import { expect, test } from "../fixtures/test";
import OpenAI from "openai";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";

const ADMIN_EMAIL = "admin@demo.latch.local";

async function callOutcome(client: OpenAI): Promise<string> {
  try {
    const res = await client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "ping after revoke" }] });
    return `ok ${res.choices[0]?.message.content ?? ""}`;
  } catch (err) {
    return err instanceof OpenAI.APIError ? `${err.status} ${err.code}` : String(err);
  }
}

test("admin mints a key in the portal, uses it with the OpenAI SDK, then revokes it", async ({ page }) => {
  await signInAsDevUser(page, ADMIN_EMAIL);
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByTestId("org-name")).toHaveText("Demo Org");
  await expect(page.getByTestId("user-role")).toHaveText("admin");

  // Admins set the guardrails and are not bound by them: any model, no expiry.
  const name = `e2e-${Date.now()}`;
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Allowed models").fill("echo, gpt-4o*");
  await page.getByLabel("Requests / minute").fill("120");
  await page.getByLabel("Spend cap (USD)").fill("25");
  await page.getByLabel("Expires in (days)").fill("");
  await expect(page.getByTestId("approval-panel")).toHaveCount(0);
  await page.getByRole("button", { name: "Create key" }).click();

  const secretBox = page.getByTestId("new-key-secret");
  await expect(secretBox).toHaveText(/^sk-latch-\w{40}$/);
  const secret = (await secretBox.textContent())!.trim();
  await expect(page.getByText("cannot be shown again")).toBeVisible();
  await expect(page.getByText(`export OPENAI_BASE_URL=${APP_URL}/v1`)).toBeVisible();

  const client = new OpenAI({ baseURL: `${APP_URL}/v1`, apiKey: secret, maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "hello from the portal" }] });
  expect(completion.choices[0]?.message.content).toBe("Echo: hello from the portal");

  await page.getByRole("button", { name: "I’ve saved it" }).click();
  const row = page.getByTestId("key-row").filter({ hasText: name });
  await expect(row.getByTestId("key-status")).toHaveText("active");
  await expect(row).toContainText("echo, gpt-4o*");
  await expect(row).toContainText("of $25.00 this month");
  await expect(row).toContainText(secret.slice(0, 13));
  await expect(row).not.toContainText(secret);

  await row.getByRole("link", { name: `Manage ${name}` }).click();
  await expect(page.getByTestId("key-title")).toHaveText(name);
  await expect(page.getByText("120", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(page.getByTestId("key-status")).toHaveText("revoked");
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  // Revocation must reach the data plane within about a second.
  await expect.poll(() => callOutcome(client), { timeout: 1_500, intervals: [50, 100, 200] }).toBe("403 key_revoked");
});

test("the create form reports invalid fields without creating a key", async ({ page }) => {
  await signInAsDevUser(page, ADMIN_EMAIL);
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill("bad limits");
  await page.getByLabel("Requests / minute").fill("1.5");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(page.getByText("Whole numbers only.")).toBeVisible();
  await page.goto("/keys");
  await expect(page.getByTestId("key-row").filter({ hasText: "bad limits" })).toHaveCount(0);
});

test("portal pages send signed-out visitors to sign-in", async ({ page }) => {
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fkeys$/);
  await expect(page.getByText("Development only")).toBeVisible();
});
