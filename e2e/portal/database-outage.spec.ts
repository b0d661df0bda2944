// The portal while Postgres is unreachable, for real: an instance of the production build of its
// own, whose DATABASE_URL goes through a TCP relay in front of the e2e database. Signed in, the
// relay is cut: portal pages answer 503 with the outage page (nothing of the error in the HTML);
// restored, Retry brings the page back.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appEnv, E2E_DATABASE_URL } from "../../playwright.config";
import { startTcpProxy, type TcpProxy } from "../../tests/helpers/tcp-proxy";
import { signInAsDevUser } from "../fixtures/sign-in";
import { expect, test, watchCsp } from "../fixtures/test";

const PORT = Number(process.env.E2E_OUTAGE_APP_PORT ?? Number(appEnv.PORT) + 3);
const OUTAGE_APP_URL = `http://localhost:${PORT}`;
const OUTAGE_TEXT = "Latch can't reach its database right now";
// What must never reach the browser: error names, stack frames, the ORM, the driver, addresses.
const INTERNALS = /Error:|\n\s*at |\bat [\w$.<>]+ \(|prisma|Connection terminated|ECONNREFUSED|DatabaseUnavailable|node_modules|127\.0\.0\.1:\d+/i;

let relay: TcpProxy;
let server: ChildProcess;
let serverOutput = "";

test.use({ baseURL: OUTAGE_APP_URL });
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const database = new URL(E2E_DATABASE_URL);
  relay = await startTcpProxy(Number(database.port || 5432), database.hostname);
  database.host = `127.0.0.1:${relay.port}`;
  const root = path.resolve(import.meta.dirname, "../..");
  server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...appEnv,
      PORT: String(PORT),
      APP_URL: OUTAGE_APP_URL,
      AUTH_URL: OUTAGE_APP_URL,
      DATABASE_URL: database.toString(),
      // Limits and usage in process: this instance shares nothing with the others but the database.
      REDIS_URL: "",
    } as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (serverOutput += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverOutput += d.toString()));
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 500))) {
    if (server.exitCode !== null) throw new Error(`the outage instance exited (${server.exitCode}):\n${serverOutput}`);
    if ((await fetch(`${OUTAGE_APP_URL}/api/health`).catch(() => null))?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`the outage instance did not become healthy:\n${serverOutput}`);
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await relay?.close();
});

test("portal pages show the outage page (503) while Postgres is unreachable, then work again", async ({ page }) => {
  await signInAsDevUser(page, "admin@demo.latch.local");
  await expect(page.getByTestId("org-name")).toHaveText("Demo Org");

  relay.cut();
  const health = (await (await fetch(`${OUTAGE_APP_URL}/api/health`)).json()) as { database: { status: string } };
  expect(health.database.status).toBe("down");

  // A client-side navigation from the loaded portal ends on the outage page too.
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Dashboards" }).click();
  // The page's first query waits out the pool's connection timeout (lib/db/engine.ts, 10 s) before it fails.
  await expect(page.getByRole("heading", { name: OUTAGE_TEXT })).toBeVisible({ timeout: 15_000 });

  for (const pathname of ["/keys", "/admin/keys", "/requests"]) {
    const response = (await page.goto(pathname))!;
    expect(response.status(), pathname).toBe(503);
    expect(response.headers()["retry-after"]).toBe("5");
    const html = await response.text();
    // Rendered by the server: the message is in the HTML, before any script runs.
    expect(html).toContain("Latch can&#x27;t reach its database right now");
    expect(html).not.toMatch(INTERNALS);
    await expect(page.getByRole("heading", { name: OUTAGE_TEXT })).toBeVisible();
    await expect(page.getByTestId("org-name")).toHaveCount(0);
  }

  // Signed out, the sign-in page (which lists the dev sign-in users) shows it as well.
  const visitor = await page.context().browser()!.newContext({ baseURL: OUTAGE_APP_URL });
  await watchCsp(visitor);
  const signInPage = await visitor.newPage();
  const signIn = (await signInPage.goto("/sign-in"))!;
  expect(signIn.status()).toBe(503);
  expect(await signIn.text()).not.toMatch(INTERNALS);
  await expect(signInPage.getByRole("heading", { name: OUTAGE_TEXT })).toBeVisible();

  relay.restore();
  await page.getByRole("link", { name: "Retry" }).click();
  await expect(page.getByTestId("org-name")).toHaveText("Demo Org");
  expect(page.url()).toBe(`${OUTAGE_APP_URL}/requests`);
  const again = (await page.goto("/keys"))!;
  expect(again.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  await signInPage.getByRole("button", { name: "Retry" }).click();
  await expect(signInPage.getByRole("button", { name: "Sign in as admin@demo.latch.local" })).toBeVisible();
  await visitor.close();
});
