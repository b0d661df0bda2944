// Attribution in the browser: keys of two cost centers (one reaching Sales by a per-request tag)
// send traffic through the production build; the dashboards stack spend by cost center, and
// both the stacked chart's numbers and the chargeback report equal what the database holds.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL, FAKE_PROVIDER_URL } from "../../playwright.config";
import { signInWithIdp } from "../fixtures/sign-in";
import { closeDb, openai, sql, waitForRequests } from "../fixtures/admin";
import { formatCell } from "../../components/admin/format";

const ADMIN_TOKEN = "latch_admin_e2e_bootstrap_token_0123456789abcdef";
const tag = Date.now().toString(36);
const MODEL = `e2e-attr-${tag}`;

async function api(path: string, body: unknown, ok: number[] = []) {
  const res = await fetch(`${APP_URL}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status < 300 || ok.includes(res.status), await res.clone().text()).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

let page: Page;
const keyIds: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
});
test.afterAll(async () => {
  await page.context().close();
  await closeDb();
});

test("traffic from keys of two cost centers is attributed, a tag included", async () => {
  await api("/v1/providers", {
    type: "openai_compatible",
    name: `fake-attr-${tag}`,
    base_url: `${FAKE_PROVIDER_URL}/v1`,
    api_key: "sk-fake-upstream",
    models: [MODEL],
  });
  await api("/v1/prices", { provider: "openai", model: MODEL, input_usd_per_million: 1000, output_usd_per_million: 2000 });
  await api("/v1/attribution-dimensions", { name: "cost_center", label: "Cost center", values: ["R&D", "Sales"] }, [409]);
  const mint = async (name: string, extra: Record<string, unknown>) => {
    const k = (await api("/v1/keys", { name, owner_email: "admin@demo.latch.local", ...extra })) as { id: string; key: string };
    keyIds.push(k.id);
    return k.key;
  };
  const rnd = await mint(`rnd-${tag}`, { kind: "service", dimensions: { cost_center: "R&D" } });
  const sales = await mint(`sales-${tag}`, { kind: "agent", dimensions: { cost_center: "Sales" } });
  const tagging = await mint(`tagging-${tag}`, { kind: "application", request_tags: ["cost_center"] });
  const ask = { model: MODEL, messages: [{ role: "user" as const, content: "attribute me" }] };
  for (let i = 0; i < 3; i++) await openai(rnd).chat.completions.create(ask);
  for (let i = 0; i < 2; i++) await openai(sales).chat.completions.create(ask);
  for (let i = 0; i < 2; i++) await openai(tagging).chat.completions.create(ask, { headers: { "x-latch-tags": "cost_center=Sales" } });
  // The spoof is refused before anything is spent.
  await expect(openai(rnd).chat.completions.create(ask, { headers: { "x-latch-tags": "cost_center=Sales" } })).rejects.toMatchObject({
    status: 400,
    code: "tag_not_allowed",
  });
  await waitForRequests(keyIds, 8);
});

test("the dashboard stacks spend by cost center, with the numbers the database holds", async () => {
  await signInWithIdp(page, { appUrl: APP_URL, idpName: "Acme SSO", login: "admin@demo.latch.local" });
  await page.goto("/admin?range=7d");
  await page.getByTestId("range-picker").getByLabel("Stack by").selectOption({ label: "Cost center" });
  await page.getByTestId("range-picker").getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/stack=dimension%3Acost_center/);
  const card = page.getByTestId("chart-spend-over-time");
  await expect(card.getByRole("img", { name: "Spend over time by cost center" })).toBeVisible();
  await card.getByRole("button", { name: "Table" }).click();

  const truth = await sql<{ center: string; requests: number; cost: number }>(
    `SELECT coalesce(nullif("dimensionKey", '')::jsonb ->> 'cost_center', '') AS center, sum(requests)::int AS requests, sum("costUsd")::float8 AS cost
     FROM "UsageRollup" r JOIN "Organization" o ON o.id = r."orgId" WHERE o.slug = 'demo' AND bucket >= now() - interval '8 days' GROUP BY 1`,
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
  for (const [center, n] of shown) totals.set(center, (totals.get(center) ?? 0) + n);
  expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(truth.map((r) => [r.center || "unattributed", r.requests])));
  expect(totals.get("R&D")).toBeGreaterThanOrEqual(3);
  expect(totals.get("Sales")).toBeGreaterThanOrEqual(4);

  await page.goto(`/admin/usage/chargeback?month=${new Date().toISOString().slice(0, 7)}&dimension=cost_center`);
  const line = page.getByTestId("chargeback-table").locator("tr", { has: page.locator("td:first-child", { hasText: /^Sales$/ }) });
  const [sales] = await sql<{ requests: number; cost: number }>(
    `SELECT count(*)::int AS requests, sum("costUsd")::float8 AS cost FROM "UsageEvent" e JOIN "Organization" o ON o.id = e."orgId"
     WHERE o.slug = 'demo' AND e.dimensions ->> 'cost_center' = 'Sales' AND e."createdAt" >= date_trunc('month', now())`,
  );
  await expect(line.locator('td[data-column="requests"]')).toHaveText(String(sales!.requests));
  await expect(line.locator('td[data-column="costUsd"]')).toHaveText(formatCell(sales!.cost, "usd"));
});
