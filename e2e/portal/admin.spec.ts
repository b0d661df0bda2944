// The admin console end to end: an admin (signed in through the IdP) adds a provider pointed at
// the fake provider and tests it, sets the org cap and guardrails, creates teams with caps; after
// traffic through several keys of different people and teams, the dashboards show the totals the
// database holds; lowering a team cap below its spend makes the team's next request fail (429).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "../fixtures/test";
import OpenAI from "openai";
import { APP_URL, FAKE_PROVIDER_URL } from "../../playwright.config";
import { signInWithIdp } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";
import { cell, chat, closeDb, expectAccessible, mintKey, openai, sql, waitForRequests } from "../fixtures/admin";
import { formatCell } from "../../components/admin/format";
import { expectToastAfter } from "../fixtures/toast";

const ADMIN = "admin@demo.latch.local";
const DEV = "dev@demo.latch.local";
const tag = Date.now().toString(36);
const RESEARCH = `Research ${tag}`;
const PLATFORM = `Platform ${tag}`;

test.describe.configure({ mode: "serial", timeout: 120_000 });

let page: Page;
const keys: Record<"research" | "platform" | "personal", { id: string; key: string }> = {} as never;
const teamId = async (name: string) => (await sql<{ id: string }>(`SELECT id FROM "Team" WHERE name = $1`, [name]))[0]!.id;

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
  await closeDb();
});

test("an admin signs in through the IdP and reaches the admin console", async () => {
  await signInWithIdp(page, { appUrl: APP_URL, idpName: "Acme SSO", login: ADMIN });
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Dashboards" }).click();
  await expect(page.getByRole("heading", { name: "Attribution" })).toBeVisible();
});

test("adds a provider credential pointed at the fake provider and tests the connection", async () => {
  await page.goto("/admin/providers");
  const form = page.getByTestId("credential-form");
  await form.getByLabel("Type").selectOption("openai");
  await form.getByLabel("Name").fill(`Fake OpenAI ${tag}`);
  await form.getByLabel("Base URL").fill(`${FAKE_PROVIDER_URL}/v1`);
  await form.getByLabel("Secret").fill("sk-fake-provider-secret-9876");
  await form.getByLabel("Models to route").fill("gpt-4o-mini");
  await form.getByRole("button", { name: "Add provider" }).click();
  const row = page.locator(`[data-testid=credential-row][data-name="Fake OpenAI ${tag}"]`);
  await expect(row).toContainText("secret …9876");
  await expect(page.locator("body")).not.toContainText("sk-fake-provider-secret-9876");
  await expectToastAfter(page, () => row.getByRole("button", { name: `Test connection of Fake OpenAI ${tag}` }).click(), /Connected: HTTP 200 in \d+ ms\./);
  await shoot(page, "admin-01-providers");
  await expectAccessible(page, "providers");
});

test("sets the org cap and the key guardrails", async () => {
  await page.goto("/admin/settings");
  const settings = page.getByTestId("org-settings-form");
  await settings.getByLabel("Org spend cap (USD)").fill("1000");
  await settings.getByLabel("Cap period").selectOption("monthly");
  await expectToastAfter(page, () => settings.getByRole("button", { name: "Save settings" }).click());
  const guardrails = page.getByTestId("guardrails-form");
  await guardrails.getByLabel("Default spend cap (USD)").fill("5");
  await guardrails.getByLabel("Max monthly spend (USD)").fill("50");
  await guardrails.getByLabel("Max requests/min").fill("600");
  await expectToastAfter(page, () => guardrails.getByRole("button", { name: "Save guardrails" }).click());

  const [org] = await sql<{ id: string; maxKeyPolicy: { maxMonthlySpendUsd: number; maxRpm: number } }>(
    `SELECT id, "maxKeyPolicy" FROM "Organization" WHERE slug = 'demo'`,
  );
  expect(org!.maxKeyPolicy).toMatchObject({ maxMonthlySpendUsd: 50, maxRpm: 600 });
  const caps = await sql<{ limit: string; period: string }>(`SELECT "limit", period FROM "Budget" WHERE "orgId" = $1 AND scope = 'org'`, [org!.id]);
  expect(caps.map((c) => [Number(c.limit), c.period])).toEqual([[1000, "monthly"]]);
  await shoot(page, "admin-02-settings");
  await expectAccessible(page, "settings");
});

test("creates teams, one with a cap", async () => {
  for (const [name, cap, member] of [
    [RESEARCH, "100", DEV],
    [PLATFORM, "", ADMIN],
  ] as const) {
    await page.goto("/admin/teams");
    const form = page.getByTestId("create-team-form");
    await form.getByLabel("Team name").fill(name);
    await form.getByLabel("Team spend cap (USD)").fill(cap);
    await form.getByLabel(member, { exact: true }).check();
    await expectToastAfter(page, () => form.getByRole("button", { name: "Create team" }).click(), name);
  }
  const caps = await sql<{ limit: string }>(`SELECT b."limit" FROM "Budget" b JOIN "Team" t ON t.id = b."teamId" WHERE t.name = $1`, [RESEARCH]);
  expect(caps.map((c) => Number(c.limit))).toEqual([100]);
  await expect(page.getByTestId("teams-table")).toContainText(RESEARCH);
  await shoot(page, "admin-03-teams");
  await expectAccessible(page, "teams");
});

test("after traffic through several keys, the dashboards show the database's totals per team, model and key", async () => {
  keys.research = await mintKey({ name: `research-bot ${tag}`, owner_email: DEV, team_id: await teamId(RESEARCH) });
  keys.platform = await mintKey({ name: `platform-svc ${tag}`, owner_email: ADMIN, team_id: await teamId(PLATFORM) });
  keys.personal = await mintKey({ name: `dev-laptop ${tag}`, owner_email: DEV });
  for (const [k, model] of [
    ["research", "gpt-4o-mini"],
    ["research", "gpt-4o-mini"],
    ["research", "echo"],
    ["platform", "gpt-4o-mini"],
    ["platform", "echo"],
    ["personal", "echo"],
  ] as const) {
    await chat(keys[k].key, model);
  }
  await waitForRequests(
    Object.values(keys).map((k) => k.id),
    6,
  );

  await page.goto("/admin?range=7d&stack=team");
  const byTeam = await sql<{ name: string; cost: number; requests: number }>(
    `SELECT t.name, sum(r."costUsd")::float8 AS cost, sum(r.requests)::int AS requests FROM "UsageRollup" r JOIN "Team" t ON t.id = r."teamId" WHERE t.name = ANY($1) GROUP BY 1`,
    [[RESEARCH, PLATFORM]],
  );
  expect(byTeam.map((r) => [r.name, r.requests]).sort()).toEqual([
    [PLATFORM, 2],
    [RESEARCH, 3],
  ]);
  await page.getByTestId("chart-top-teams").getByRole("button", { name: "Table" }).click();
  for (const t of byTeam) {
    await expect(cell(page, "table-top-teams", t.name, "requests")).toHaveText(String(t.requests));
    await expect(cell(page, "table-top-teams", t.name, "costUsd")).toHaveText(formatCell(t.cost, "usd"));
  }
  await expect(cell(page, "table-top-teams", RESEARCH, "capUsd")).toHaveText("$100.00");
  // The same numbers as CSV: raw values, one line per row.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Top teams as CSV" }).click();
  const csv = (await readFile((await (await download).path())!, "utf8")).split("\n");
  expect(csv[0]).toBe("Team,Spend (USD),Requests,Tokens,Cap (USD),Cap period,Cap used");
  for (const t of byTeam)
    expect(
      csv
        .find((l) => l.startsWith(`${t.name},`))
        ?.split(",")
        .slice(1, 3)
        .map(Number),
    ).toEqual([t.cost, t.requests]);
  const raw = await (await page.request.get("/admin/usage/export?range=7d")).text();
  expect(raw.split("\n").filter((l) => l.includes(keys.research.id))).toHaveLength(3);

  await page.getByTestId("chart-top-keys").getByRole("button", { name: "Table" }).click();
  for (const [name, k, n] of [
    [`research-bot ${tag}`, keys.research, 3],
    [`platform-svc ${tag}`, keys.platform, 2],
    [`dev-laptop ${tag}`, keys.personal, 1],
  ] as const) {
    const [db] = await sql<{ cost: number }>(`SELECT sum("costUsd")::float8 AS cost FROM "UsageRollup" WHERE "keyId" = $1`, [k.id]);
    await expect(cell(page, "table-top-keys", name, "requests")).toHaveText(String(n));
    await expect(cell(page, "table-top-keys", name, "costUsd")).toHaveText(formatCell(db!.cost, "usd"));
  }

  await page.goto("/admin?range=7d&stack=model");
  await page.getByTestId("chart-spend-over-time").getByRole("button", { name: "Table" }).click();
  const byModel = await sql<{ model: string; requests: number }>(
    `SELECT model, sum(requests)::int AS requests FROM "UsageRollup" r JOIN "Organization" o ON o.id = r."orgId" WHERE o.slug = 'demo' AND bucket >= now() - interval '7 days' GROUP BY 1`,
  );
  const shown = await page
    .getByTestId("table-spend-over-time")
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map(
        (r) =>
          [
            r.querySelector('[data-column="series"]')?.textContent ?? "",
            Number(r.querySelector('[data-column="requests"]')?.textContent?.replaceAll(",", "") ?? 0),
          ] as const,
      ),
    );
  const totals = new Map<string, number>();
  for (const [model, n] of shown) totals.set(model, (totals.get(model) ?? 0) + n);
  expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(byModel.map((r) => [r.model || "unknown", r.requests])));
  await shoot(page, "admin-04-dashboards");
  await expectAccessible(page, "dashboards");
});

test("lowering a team cap below its spend refuses the team's next request with 429 budget_exceeded (scope team)", async () => {
  await page.goto(`/admin/teams/${await teamId(RESEARCH)}`);
  const form = page.getByTestId("team-cap-form");
  await form.getByLabel("Team spend cap (USD)").fill("0.000001");
  await expectToastAfter(page, () => form.getByRole("button", { name: "Save cap" }).click(), "Team cap set");
  const err = await chat(keys.research.key, "gpt-4o-mini").then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpenAI.APIError);
  expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
  expect((err as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ code: "budget_exceeded", scope: "team" });
  // Another team's key is unaffected.
  await expect(openai(keys.platform.key).chat.completions.create({ model: "echo", messages: [{ role: "user", content: "hi" }] })).resolves.toBeTruthy();
  await shoot(page, "admin-05-team");
  await expectAccessible(page, "team");
});

test("the rejection shows on the dashboards, naming the key, and keys can be revoked in bulk", async () => {
  await expect
    .poll(async () => (await sql(`SELECT 1 FROM "UsageRollup" WHERE "keyId" = $1 AND "errorCode" = 'budget_exceeded'`, [keys.research.id])).length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await page.goto("/admin?range=7d");
  await page.getByTestId("chart-rejections").getByRole("button", { name: "Table" }).click();
  await expect(page.getByTestId("table-rejections").locator("tr", { hasText: `research-bot ${tag}` })).toContainText("budget_exceeded");
  await page.getByTestId("chart-budget-utilisation").getByRole("button", { name: "Table" }).click();
  await expect(page.getByTestId("table-budget-utilisation").locator("tr", { hasText: RESEARCH })).toBeVisible();
  // Bulk revoke from the all-keys screen (it asks first).
  await page.goto(`/admin/keys?q=${encodeURIComponent(`dev-laptop ${tag}`)}`);
  await page.getByLabel(`Select dev-laptop ${tag}`).check();
  await page.getByRole("button", { name: "Revoke selected (1)" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke 1 key?" });
  await expectToastAfter(page, () => confirm.getByRole("button", { name: "Revoke" }).click(), "1 key revoked.");
  expect((await sql<{ status: string }>(`SELECT status FROM "VirtualKey" WHERE id = $1`, [keys.personal.id]))[0]?.status).toBe("revoked");
});

test("every other admin screen renders, fits a phone, has a dark theme and passes axe", async () => {
  // Six screens, each shot twice and checked by axe in two themes: slow on a loaded machine.
  test.setTimeout(240_000);
  for (const [path, name] of [
    [`/admin/usage/keys/${keys.research.id}`, "key-usage"],
    ["/admin/keys", "keys"],
    ["/admin/members", "members"],
    ["/admin/prices", "prices"],
    ["/admin/tokens", "tokens"],
    ["/admin/audit", "audit"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await shoot(page, `admin-06-${name}`);
    await expectAccessible(page, name);
  }
});
