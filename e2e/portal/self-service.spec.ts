// Self-service keys end to end: a developer (signed in through the IdP) mints a key within the
// demo org's guardrails and uses it with the official SDK; asks beyond them go to an approver;
// approved keys are revealed once and the proxy enforces what was granted.
import { expect, test, type Browser, type Page } from "../fixtures/test";
import OpenAI from "openai";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser, signInWithIdp } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";

const IDP_NAME = "Acme SSO"; // OIDC_NAME in playwright.config.ts
const APPROVER_EMAIL = "admin@demo.latch.local";
const login = `ss-dev-${Date.now()}`;

test.describe.configure({ mode: "serial", timeout: 60_000 });

let dev: Page;
let approver: Page;
let laptopSecret = "";

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: APP_URL });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: APP_URL });
  return context.newPage();
}

const client = (apiKey: string) => new OpenAI({ baseURL: `${APP_URL}/v1`, apiKey, maxRetries: 0 });

async function callOutcome(apiKey: string): Promise<string> {
  try {
    const res = await client(apiKey).chat.completions.create({ model: "echo", messages: [{ role: "user", content: "ping" }] });
    return `ok ${res.choices[0]?.message.content ?? ""}`;
  } catch (err) {
    return err instanceof OpenAI.APIError ? `${err.status} ${err.code}` : String(err);
  }
}

async function requestBeyondGuardrails(page: Page, name: string, fill: Record<string, string>, why: string) {
  await page.goto("/keys/new");
  await page.getByLabel("Name").fill(name);
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  await expect(page.getByTestId("approval-panel")).toBeVisible();
  await page.getByLabel("Why do you need it?").fill(why);
  await page.getByRole("button", { name: "Request approval" }).click();
  await expect(page.getByTestId("request-sent")).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  dev = await newPage(browser);
  approver = await newPage(browser);
});
test.afterAll(async () => {
  await dev.context().close();
  await approver.context().close();
});

test("a developer signed in through the IdP starts from an empty state that explains keys", async () => {
  await signInWithIdp(dev, { appUrl: APP_URL, idpName: IDP_NAME, login });
  await expect(dev).toHaveURL(/\/keys$/);
  await expect(dev.getByTestId("user-role")).toHaveText("developer");
  await expect(dev.getByTestId("keys-empty")).toContainText("A key is your own password");
  await expect(dev.getByTestId("keys-empty")).toContainText(`export OPENAI_BASE_URL=${APP_URL}/v1`);
  await shoot(dev, "01-my-keys-empty");
});

test("mints a key within the guardrails, copies it, and the openai SDK calls the proxy with it", async () => {
  await dev.getByRole("link", { name: "Create key" }).click();
  await expect(dev).toHaveURL(/\/keys\/new$/);
  // Prefilled with the demo org's defaults.
  await expect(dev.getByLabel("Allowed models")).toHaveValue("echo");
  await expect(dev.getByLabel("Spend cap (USD)")).toHaveValue("5");
  await expect(dev.getByLabel("Expires in (days)")).toHaveValue("90");
  await dev.getByLabel("Name").fill("laptop");
  await shoot(dev, "02-create-key");
  await dev.getByRole("button", { name: "Create key" }).click();

  const dialog = dev.getByRole("dialog", { name: "Your new key" });
  await expect(dialog.getByTestId("secret-warning")).toContainText("cannot be shown again");
  await expect(dialog.getByTestId("snippet-env")).toContainText(`export OPENAI_BASE_URL=${APP_URL}/v1`);
  await dialog.getByRole("tab", { name: "Claude Code" }).click();
  await expect(dialog.getByTestId("snippet-claude-code")).toContainText(`ANTHROPIC_BASE_URL=${APP_URL}`);
  await dialog.getByRole("button", { name: "Copy key" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  laptopSecret = await dev.evaluate(() => navigator.clipboard.readText());
  expect(laptopSecret).toMatch(/^sk-latch-\w{40}$/);
  await expect(dialog.getByTestId("new-key-secret")).toHaveText(laptopSecret);
  await shoot(dev, "03-secret-dialog");

  const completion = await client(laptopSecret).chat.completions.create({ model: "echo", messages: [{ role: "user", content: "hello from self-service" }] });
  expect(completion.choices[0]?.message.content).toBe("Echo: hello from self-service");

  await dialog.getByRole("button", { name: "I’ve saved it" }).click();
  await expect(dev).toHaveURL(/\/keys$/);
  const row = dev.getByTestId("key-row").filter({ hasText: "laptop" });
  await expect(row.getByTestId("key-status")).toHaveText("active");
  await expect(row.getByTestId("key-spend")).toContainText("of $5.00 this month");
  await expect(row).not.toContainText(laptopSecret);
});

test("asking for a model outside the allowlist turns the form into a request", async () => {
  await dev.goto("/keys/new");
  await dev.getByLabel("Name").fill("no-reason");
  await dev.getByLabel("Allowed models").fill("echo, gpt-4o*");
  await expect(dev.getByTestId("exceeded-item")).toContainText("gpt-4o*");
  await dev.getByRole("button", { name: "Request approval" }).click();
  // The server insists on a reason, and what was typed survives the round trip.
  await expect(dev.getByTestId("approval-panel")).toContainText("This needs approval: say why you need it.");
  await expect(dev.getByLabel("Name")).toHaveValue("no-reason");
  await expect(dev.getByLabel("Spend cap period")).toHaveValue("monthly");
  await shoot(dev, "03b-create-request");

  await requestBeyondGuardrails(dev, "gpt4o-evals", { "Allowed models": "echo, gpt-4o*" }, "Comparing gpt-4o with echo for the eval suite.");
  await dev.goto("/keys");
  const mine = dev.getByTestId("my-request").filter({ hasText: "gpt4o-evals" });
  await expect(mine.getByTestId("request-status")).toHaveText("pending");
});

test("an approver approves it with a lower cap; the developer gets the key once and the proxy enforces the cap", async () => {
  await signInAsDevUser(approver, APPROVER_EMAIL);
  await approver.getByRole("link", { name: /Requests/ }).click();
  await approver.getByTestId("triage-table").getByRole("link", { name: "gpt4o-evals" }).click();
  const card = approver.getByTestId("pending-request").filter({ hasText: "gpt4o-evals" });
  await expect(card.getByTestId("requester")).toContainText(`${login}@demo.latch.local`);
  await expect(card.getByTestId("exceeded-item")).toContainText("gpt-4o*");
  await expect(card.getByTestId("justification")).toHaveText("Comparing gpt-4o with echo for the eval suite.");
  await expect(card.getByTestId("requester-spend")).not.toHaveText("");
  await shoot(approver, "04-approval-queue");
  await card.getByLabel("Spend cap (USD)").fill("0.000001");
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card).toHaveCount(0);
  await expect(approver.getByTestId("decided-request").filter({ hasText: "gpt4o-evals" })).toContainText("approved");

  await dev.goto("/keys");
  const mine = dev.getByTestId("my-request").filter({ hasText: "gpt4o-evals" });
  await expect(mine.getByTestId("request-status")).toHaveText("approved");
  await expect(mine).toContainText("$0.000001 a month");
  await mine.getByRole("button", { name: "Reveal key" }).click();
  const dialog = dev.getByRole("dialog", { name: "Your approved key" });
  const secret = (await dialog.getByTestId("new-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^sk-latch-\w{40}$/);
  expect(await callOutcome(secret)).toBe("429 budget_exceeded");
  await dialog.getByRole("button", { name: "I’ve saved it" }).click();

  await dev.reload();
  await expect(dev.getByTestId("my-request").filter({ hasText: "gpt4o-evals" }).getByRole("button", { name: "Reveal key" })).toHaveCount(0);
  await expect(dev.getByTestId("key-row").filter({ hasText: "gpt4o-evals" }).getByTestId("key-spend")).toContainText("of $0.000001 this month");
});

test("a denied request shows its reason to the requester", async () => {
  await requestBeyondGuardrails(dev, "load-test", { "Requests / minute": "5000" }, "Load testing the checkout service on Friday.");
  await approver.goto("/requests");
  await approver.getByTestId("triage-table").getByRole("link", { name: "load-test" }).click();
  const card = approver.getByTestId("pending-request").filter({ hasText: "load-test" });
  await card.getByLabel("Reason for denying").fill("Use the shared load-test key instead.");
  await card.getByRole("button", { name: "Deny" }).click();
  await expect(card).toHaveCount(0);

  await dev.goto("/keys");
  const mine = dev.getByTestId("my-request").filter({ hasText: "load-test" });
  await expect(mine.getByTestId("request-status")).toHaveText("denied");
  await expect(mine.getByTestId("request-reason")).toHaveText("Reason: Use the shared load-test key instead.");
  await shoot(dev, "05-my-keys-and-requests");
});

test("rotating shows the new secret once; revoking makes the proxy answer 403 key_revoked", async () => {
  await dev.getByRole("link", { name: "Manage laptop" }).click();
  await expect(dev.getByTestId("key-title")).toHaveText("laptop");
  await expect(dev.getByTestId("usage-chart")).toBeVisible();
  await shoot(dev, "06-key-detail");

  await dev.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = dev.getByRole("dialog", { name: "New secret" });
  const oldSecret = laptopSecret;
  laptopSecret = (await rotated.getByTestId("new-key-secret").textContent())!.trim();
  expect(laptopSecret).not.toBe(oldSecret);
  await rotated.getByRole("button", { name: "I’ve saved it" }).click();
  expect(await callOutcome(laptopSecret)).toBe("ok Echo: ping");
  await expect.poll(() => callOutcome(oldSecret), { timeout: 1_500, intervals: [50, 100, 200] }).toBe("401 invalid_api_key");

  await dev.getByRole("button", { name: "Revoke laptop" }).click();
  const confirm = dev.getByRole("alertdialog", { name: "Revoke “laptop”?" });
  await expect(confirm).toContainText("cannot be undone");
  await shoot(dev, "07-revoke-confirm");
  await confirm.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(dev.getByTestId("key-status")).toHaveText("revoked");
  await expect.poll(() => callOutcome(laptopSecret), { timeout: 1_500, intervals: [50, 100, 200] }).toBe("403 key_revoked");
});
