// Portal actions record where the caller acted from: an approval made in the browser writes its
// audit entries (the decision and the key change) with the approver's IP, through the actor-action
// wrapper (lib/actions/actor-action.ts). Without TRUSTED_PROXIES the IP is the socket peer.
import { type Browser, expect, type Page, test } from "../fixtures/test";
import { APP_URL } from "../../playwright.config";
import { signInAsDevUser } from "../fixtures/sign-in";
import { closeDb, sql } from "../fixtures/admin";

const NAME = `audited-approval-${Date.now().toString(36)}`;
const LOOPBACK = ["127.0.0.1", "::1"];

test.afterAll(closeDb);

/** A browser context of its own for each person, signed in with the dev sign-in. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: APP_URL })).newPage();
  await signInAsDevUser(page, email);
  return page;
}

test("an approval's audit entries carry the approver's IP", async ({ browser }) => {
  test.setTimeout(120_000);
  const dev = await signedIn(browser, "dev@demo.latch.local");
  const approver = await signedIn(browser, "admin@demo.latch.local");
  await dev.goto("/keys/new");
  await dev.getByLabel("Name").fill(NAME);
  await dev.getByLabel("Requests / minute", { exact: true }).fill("4000");
  await dev.getByLabel("Why do you need it?").fill("Nightly reindex for the search service.");
  await dev.getByRole("button", { name: "Request approval" }).click();
  await expect(dev.getByTestId("request-sent")).toBeVisible();
  const [request] = await sql<{ id: string }>(`SELECT id FROM "KeyRequest" WHERE name = $1`, [NAME]);

  await approver.goto(`/requests/${request!.id}`);
  await approver.getByTestId("pending-request").getByRole("button", { name: "Approve" }).click();
  await expect(approver).toHaveURL(/\/requests$/);

  const [decided] = await sql<{ status: string; keyId: string }>(`SELECT status, "keyId" FROM "KeyRequest" WHERE id = $1`, [request!.id]);
  expect(decided!.status).toBe("approved");
  const entries = await sql<{ action: string; ip: string | null }>(
    `SELECT action, ip FROM "AuditEvent" WHERE ("targetId" = $1 AND action = 'key_request.approved') OR ("targetId" = $2 AND action = 'key.created')`,
    [request!.id, decided!.keyId],
  );
  expect(entries.map((e) => e.action).sort()).toEqual(["key.created", "key_request.approved"]);
  for (const entry of entries) expect(LOOPBACK, `${entry.action} records the caller's IP`).toContain(entry.ip);
  await dev.context().close();
  await approver.context().close();
});
