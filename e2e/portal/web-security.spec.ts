// The portal's web security on the production build: a strict nonce CSP on every page, server
// actions refusing other origins (CSRF), a management API that ignores session cookies, the
// session cookie's flags, and sign-in never redirecting off-site.
import type { APIResponse, Request } from "@playwright/test";
import { APP_URL, ENTRA_ISSUER, IDP_URL, OKTA_ISSUER } from "../../playwright.config";
import { closeDb, mintKey, sql } from "../fixtures/admin";
import { completeIdpLogin, signInAsDevUser } from "../fixtures/sign-in";
import { expect, takeCspViolations, test } from "../fixtures/test";

const ADMIN_EMAIL = "admin@demo.latch.local";
const IDP_NAME = "Acme SSO"; // OIDC_NAME in playwright.config.ts

test.afterAll(() => closeDb());

function nonceOf(response: APIResponse | { headers(): Record<string, string> }): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `no nonce in ${csp}`).toBeTruthy();
  return nonce!;
}

/** The page's headers, and every <script> of its HTML carrying this response's nonce. */
async function expectStrictPage(response: APIResponse): Promise<string> {
  const headers = response.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = nonceOf(response);
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp).not.toContain("unsafe-eval");
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
  ]) {
    expect(csp).toContain(directive);
  }
  // The e2e server is http: no HSTS, no upgrade.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(csp).not.toContain("upgrade-insecure-requests");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce;
}

test.describe("Content-Security-Policy", () => {
  test("every page, signed out and signed in, has a strict policy with a fresh nonce", async ({ page }) => {
    const signedOut = page.request;
    const first = await expectStrictPage(await signedOut.get("/sign-in"));
    const second = await expectStrictPage(await signedOut.get("/sign-in"));
    expect(second).not.toBe(first);
    await expectStrictPage(await signedOut.get("/sign-in/not-set-up?reason=unknown_domain"));
    // The sign-in gate's redirect carries the headers too.
    const gate = await signedOut.get("/keys", { maxRedirects: 0 });
    expect(gate.status()).toBe(307);
    expect(gate.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

    await signInAsDevUser(page, ADMIN_EMAIL);
    for (const path of ["/keys", "/keys/new", "/requests", "/admin", "/admin/keys", "/api-docs", "/no-such-page"]) {
      await expectStrictPage(await page.request.get(path));
    }
  });

  test("sign-in forms may post to Latch and to the configured IdPs only", async ({ page }) => {
    const csp = (await page.request.get("/sign-in")).headers()["content-security-policy"]!;
    const formAction = /form-action ([^;]+)/.exec(csp)?.[1]?.split(" ").sort();
    const idpOrigins = [IDP_URL, OKTA_ISSUER, ENTRA_ISSUER].map((u) => new URL(u).origin);
    expect(formAction).toEqual(["'self'", ...idpOrigins].sort());
  });

  test("an inline script injected into a page does not run", async ({ page }) => {
    await signInAsDevUser(page, ADMIN_EMAIL);
    await page.route("**/keys", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
      await route.fulfill({ response, body: html });
    });
    await page.goto("/keys");
    await expect(page.getByTestId("org-name")).toHaveText("Demo Org");
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await expect.poll(() => takeCspViolations().join("\n")).toMatch(/script-src-elem blocked inline/);
  });

  test("without JavaScript an SSO button still reaches the IdP (form-action allows it)", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: APP_URL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("button", { name: `Continue with ${IDP_NAME}` }).click();
    await page.waitForURL((url) => url.origin === new URL(IDP_URL).origin);
    await expect(page.locator("input[name=login]")).toBeVisible();
    await context.close();
  });
});

test.describe("CSRF", () => {
  test("a server action replayed with another Origin is refused and changes nothing", async ({ page }) => {
    const key = await mintKey({ name: `csrf-${Date.now()}`, owner_email: ADMIN_EMAIL });
    await signInAsDevUser(page, ADMIN_EMAIL);
    await page.goto(`/keys/${key.id}`);

    // Capture the real revoke call the browser makes, and keep it from reaching Latch.
    let captured: Request | undefined;
    await page.route(`**/keys/${key.id}`, async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
        captured = route.request();
        return route.abort();
      }
      return route.continue();
    });
    await page.getByRole("button", { name: /^Revoke / }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Yes, revoke it" }).click();
    await expect.poll(() => captured).toBeDefined();
    await page.unroute(`**/keys/${key.id}`);

    const replay = (origin: string) => {
      const headers = { ...captured!.headers(), origin };
      return page.request.post(captured!.url(), { headers, data: captured!.postDataBuffer() ?? undefined, maxRedirects: 0 });
    };
    const revokedAt = async () => (await sql<{ revokedAt: Date | null }>(`SELECT "revokedAt" FROM "VirtualKey" WHERE id = $1`, [key.id]))[0]!.revokedAt;
    const audits = async () =>
      (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "targetId" = $1 AND action LIKE '%revok%'`, [key.id]))[0]!.n;

    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example:3100"]) {
      const refused = await replay(origin);
      expect(refused.status(), `Origin ${origin}`).toBe(500);
      expect(await revokedAt()).toBeNull();
    }
    expect(await audits()).toBe(0);

    // The same request from Latch's own origin is accepted: the Origin alone made the difference.
    const accepted = await replay(new URL(APP_URL).origin);
    expect(accepted.status()).toBe(200);
    expect(await revokedAt()).not.toBeNull();
    expect(await audits()).toBe(1);
  });

  test("the management API ignores session cookies: bearer tokens only", async ({ page }) => {
    await signInAsDevUser(page, ADMIN_EMAIL);
    const cookies = await page.context().cookies(APP_URL);
    expect(cookies.some((c) => c.name === "authjs.session-token")).toBe(true);
    const name = `cookie-only-${Date.now()}`;
    const list = await page.request.get("/v1/keys");
    expect(list.status()).toBe(401);
    const create = await page.request.post("/v1/keys", { data: { name, owner_email: ADMIN_EMAIL }, headers: { origin: new URL(APP_URL).origin } });
    expect(create.status()).toBe(401);
    expect((await sql(`SELECT id FROM "VirtualKey" WHERE name = $1`, [name])).length).toBe(0);
    expect((await page.request.get("/v1/users")).status()).toBe(401);
  });
});

test.describe("session cookie and redirects", () => {
  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
    await signInAsDevUser(page, ADMIN_EMAIL);
    const session = (await page.context().cookies(APP_URL)).find((c) => c.name === "authjs.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    // The e2e server is http; over https it is Secure and __Secure- prefixed (lib/auth/session-cookie.test.ts).
    expect(session!.secure).toBe(false);
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });

  for (const callbackUrl of ["https://evil.example", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example"]) {
    test(`dev sign-in with callbackUrl ${callbackUrl} lands on Latch`, async ({ page }) => {
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByRole("button", { name: `Sign in as ${ADMIN_EMAIL}` }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      expect(page.url()).toBe(`${APP_URL}/keys`);
      await expect(page.getByTestId("org-name")).toHaveText("Demo Org");
    });
  }

  test("SSO sign-in with callbackUrl=//evil.example lands on Latch", async ({ page }) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example/steal")}`);
    await page.getByRole("button", { name: `Continue with ${IDP_NAME}` }).click();
    await completeIdpLogin(page, { appUrl: APP_URL, login: `redirect-${Date.now()}` });
    expect(page.url()).toBe(`${APP_URL}/keys`);
  });

  test("Auth.js itself refuses another origin as callbackUrl", async ({ request }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signOut = await request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "https://evil.example/" }, maxRedirects: 0 });
    expect(signOut.status()).toBe(302);
    expect(new URL(signOut.headers()["location"]!).origin).toBe(new URL(APP_URL).origin);
  });
});
