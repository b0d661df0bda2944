// The API reference inside the portal: rendered from the OpenAPI document, with the portal's
// navigation, a table of contents, and inline code set as code (no literal backticks).
import { expect, test } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { shoot } from "../fixtures/screenshots";
import { expectAccessible } from "../fixtures/admin";

test("the API reference has the portal chrome, a table of contents and no markdown left raw", async ({ browser }) => {
  // A long page, shot twice and checked by axe in two themes: slow on a loaded machine.
  test.setTimeout(240_000);
  const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, "dev@demo.latch.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  const doc = (await (await page.request.get(`${APP_URL}/api/openapi.json`)).json()) as {
    tags: { name: string }[];
    paths: Record<string, Record<string, { operationId: string }>>;
  };
  const toc = page.getByRole("navigation", { name: "Contents" });
  await expect(toc.getByRole("link")).toHaveText(doc.tags.map((t) => t.name));
  const operations = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  await expect(page.locator("article[id]")).toHaveCount(operations.length);
  const text = await page.locator("main").textContent();
  expect(text).not.toContain("`");
  expect(text).not.toContain("**");
  await toc.getByRole("link", { name: doc.tags[1]!.name }).click();
  await expect(page).toHaveURL(/#tag-/);
  await shoot(page, "api-reference");
  await expectAccessible(page, "api reference");
  await page.context().close();
});
