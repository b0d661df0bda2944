// The dashboards' charts read like a finished product: a fresh org sees an empty state that says
// what would fill it; with usage, the currency axis shows compact labels that fit, the date axis
// reads "Dec 4" (days) or "14:00" (hours), each stacked series has its own colour and a legend
// entry, bars keep a usable width from one day hourly to 30 days hourly, and the tooltip has cents.
import { expect, test, type Page } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { seedOrg, sql } from "../fixtures/seed-org";
import { expectAccessible } from "../fixtures/admin";
import { shoot } from "../fixtures/screenshots";

const tag = Date.now().toString(36);
const SLUG = `charts-${tag}`;
const ORG_ID = `e2e_${SLUG}`;
const ADMIN = `admin@${SLUG}.test`;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

test.describe.configure({ mode: "serial", timeout: 90_000 });

let page: Page;
test.beforeAll(async ({ browser }) => {
  await seedOrg({ slug: SLUG, name: "Charts Inc", domains: [`${SLUG}.test`], admins: [ADMIN] });
  page = await (await browser.newContext({ baseURL: APP_URL, viewport: { width: 1280, height: 900 } })).newPage();
  await signInAsDevUser(page, ADMIN);
});
test.afterAll(async () => {
  await page.context().close();
});

/** Usage as the writer records it: the same row in the hourly and the daily rollup. */
async function usage(at: Date, model: string, costUsd: number, requests = 1) {
  const day = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  for (const [table, bucket] of [
    ["UsageRollup", new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS)],
    ["UsageRollupDaily", day],
  ] as const) {
    await sql(
      `INSERT INTO "${table}" (bucket, "orgId", provider, model, outcome, requests, "inputTokens", "outputTokens", "costUsd") VALUES ($1, $2, 'openai', $3, 'success', $4, 100, 50, $5)`,
      [bucket, ORG_ID, model, requests, costUsd],
    );
  }
}

const spendChart = () => page.getByTestId("chart-spend-over-time");

/** The text of every tick on one axis of the spend chart, once the chart has drawn in the browser. */
async function ticks(axis: "x" | "y") {
  const tick = spendChart().locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`);
  await expect(tick.first()).toBeVisible();
  return tick.allTextContents();
}

/** The width of every drawn bar segment (after the bars have drawn). */
async function barWidths() {
  const bars = spendChart().locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeVisible();
  return bars.evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().width));
}

test("a fresh org's dashboards say there is no usage yet, and what would show it", async () => {
  await page.goto("/admin");
  await expect(spendChart().getByTestId("chart-empty")).toContainText("No usage in this range");
  await expect(spendChart().getByTestId("chart-empty")).toContainText("Requests through any key show up here");
  await expect(page.getByTestId("chart-rejections").getByTestId("chart-empty")).toContainText("No rejections in this range");
  await expect(page.getByTestId("chart-budget-utilisation").getByTestId("chart-empty")).toContainText("No caps set");
  await expectAccessible(page, "dashboards-empty");
});

test("with usage on three days, the daily chart has compact currency ticks that fit, day labels and one colour per model", async () => {
  const now = Date.now();
  await usage(new Date(now - 5 * DAY_MS), "gpt-4o", 12_345.67, 3);
  await usage(new Date(now - 3 * DAY_MS), "claude-sonnet", 8_000, 2);
  await usage(new Date(now - 1 * DAY_MS), "gpt-4o-mini", 250, 1);
  await usage(new Date(now - 1 * DAY_MS), "gpt-4o", 1_000, 1);
  await page.goto("/admin?range=7d&stack=model");

  const y = await ticks("y");
  expect(y.length).toBeGreaterThan(2);
  for (const t of y) expect(t, "currency ticks are compact").toMatch(/^\$\d+(\.\d+)?k?$/);
  // No tick text is cut off at the left edge of the plot.
  const clipped = await spendChart().evaluate((card) => {
    const svg = card.querySelector("svg.recharts-surface")!.getBoundingClientRect();
    return [...card.querySelectorAll(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")]
      .filter((t) => t.getBoundingClientRect().left < svg.left - 0.5)
      .map((t) => t.textContent);
  });
  expect(clipped).toEqual([]);

  const x = await ticks("x");
  expect(x.length).toBeGreaterThan(2);
  for (const t of x) expect(t, "day ticks read like Dec 4").toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);

  const fills = await spendChart()
    .locator(".recharts-bar-rectangle path")
    .evaluateAll((paths) => [...new Set(paths.map((p) => getComputedStyle(p).fill))]);
  expect(fills.length, "each model stacks in its own colour").toBe(3);
  await expect(spendChart().getByTestId("chart-legend").locator("li")).toHaveText([/^gpt-4o\s*\$13\.3k$/, /^claude-sonnet\s*\$8k$/, /^gpt-4o-mini\s*\$250$/]);

  // Seven daily bars share the width: none is a sliver, and they are spread over the axis.
  const widths = await barWidths();
  for (const w of widths) expect(w).toBeGreaterThan(20);

  await spendChart().locator(".recharts-bar-rectangle path").first().hover();
  await expect(spendChart().getByTestId("chart-tooltip")).toContainText("$12,345.67");
  await shoot(page, "charts-daily");
  await expectAccessible(page, "dashboards-daily");
});

test("one day is shown hour by hour with an hour axis; 30 days hourly scroll instead of drawing 1 px bars", async () => {
  const today = new Date().toISOString().slice(0, 10);
  await usage(new Date(`${today}T00:30:00Z`), "gpt-4o", 42.5);
  await page.goto(`/admin?range=custom&from=${today}&to=${today}&stack=model`);
  await expect(page.getByLabel("Buckets")).toHaveValue("hour");
  const x = await ticks("x");
  expect(x.length).toBeGreaterThan(3);
  for (const t of x.slice(1)) expect(t, "hour ticks read like 14:00").toMatch(/^\d{2}:00$/);
  const oneDay = await barWidths();
  for (const w of oneDay) expect(w).toBeGreaterThan(10);

  await page.goto("/admin?range=30d&granularity=hour&stack=model");
  const region = spendChart().getByRole("region", { name: /scrolls sideways/ });
  await expect(region).toBeVisible();
  const thirtyDays = await barWidths();
  expect(thirtyDays.length).toBeGreaterThan(0);
  for (const w of thirtyDays) expect(w, "hourly bars over 30 days keep a visible width").toBeGreaterThanOrEqual(4);
  for (const t of await ticks("x")) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
  await shoot(page, "charts-hourly-30d");
  await expectAccessible(page, "dashboards-hourly");
});
