// Latch stores no IdP token. A real sign-in through Auth.js's own route handlers against the
// loopback OIDC IdP (an org's own connection, Okta flavor, asked for a refresh token too): the
// user is provisioned and signed in with the role their groups map to, and afterwards neither
// the Account table nor any other row, nor the session cookie, holds the IdP's access, refresh
// or ID token. Auth.js runs without a database adapter (auth.ts): group claims are read from the
// profile at sign-in, and nothing after sign-in calls the IdP on the user's behalf.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { decode } from "next-auth/jwt";
import { startIdp, type Idp } from "@/e2e/fixtures/idp";
import { CookieJar, headlessLogin } from "@/e2e/fixtures/idp-headless";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { encryptSecret } from "@/lib/security/secret-box";
import { FLOW_COOKIE, FLOW_TTL_SECONDS, sealTicket } from "@/lib/idp-connections/flow";

const APP = "http://localhost:3000";
const CALLBACK = `${APP}/api/auth/callback/org-idp`;
const SESSION_COOKIE = "authjs.session-token";
const tag = randomUUID().slice(0, 8);
const domain = `tokens-${tag}.test`;
const client = { clientId: `latch-${tag}`, clientSecret: `idp-client-secret-${tag}`, redirectUris: [CALLBACK] };

let idp: Idp;
/** Every token endpoint answer the IdP gave Latch during the sign-in. */
const issued: Record<string, unknown>[] = [];

beforeAll(async () => {
  idp = await startIdp({ flavor: "okta", clients: [client], users: [{ login: "tia", email: `tia@${domain}`, name: "Tia", groups: ["latch-approvers"] }] });
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const res = await realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (url === `${idp.issuer}/token`) issued.push((await res.clone().json()) as Record<string, unknown>);
    return res;
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await idp.close();
});

/** One request to Auth.js's route handler, with and into the app's cookie jar. */
async function app(jar: CookieJar, method: "GET" | "POST", path: string, form?: Record<string, string>): Promise<Response> {
  const url = new URL(path, APP);
  const headers: Record<string, string> = { cookie: jar.header(url) };
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const req = new NextRequest(url, { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const res = await (method === "GET" ? GET : POST)(req);
  jar.store(res);
  return res;
}

describe("IdP tokens", () => {
  it("are never stored: not in Account, not in any row, not in the session", async () => {
    const org = await db.organization.create({ data: { slug: `tokens-${tag}`, name: "Tokens", emailDomains: [domain] } });
    const connection = await db.idpConnection.create({
      data: {
        orgId: org.id,
        kind: "okta",
        issuer: idp.issuer,
        clientId: client.clientId,
        encryptedSecret: encryptSecret(client.clientSecret),
        domains: [domain],
        groupRoleMappings: { "latch-approvers": "approver" },
        status: "enabled",
      },
    });

    const jar = new CookieJar();
    // As lib/idp-connections/start.ts leaves it for the callback.
    jar.set(FLOW_COOKIE, sealTicket({ connectionId: connection.id, mode: "sign-in", exp: Date.now() + FLOW_TTL_SECONDS * 1000 }), "/api/auth");
    const { csrfToken } = (await (await app(jar, "GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    // Extra query parameters go to the IdP: offline_access with consent makes it issue a refresh token.
    const start = await app(jar, "POST", "/api/auth/signin/org-idp?scope=openid%20email%20profile%20offline_access&prompt=consent", {
      csrfToken,
      callbackUrl: `${APP}/keys`,
    });
    expect(start.status).toBe(302);
    const authorize = start.headers.get("location") ?? "";
    expect(authorize.startsWith(`${idp.issuer}/`)).toBe(true);

    const back = await headlessLogin(authorize, "tia", CALLBACK);
    const done = await app(jar, "GET", `${back.pathname}${back.search}`);
    expect(done.headers.get("location")).toBe(`${APP}/keys`);
    const sessionToken = jar.get(SESSION_COOKIE);
    expect(sessionToken).toBeTruthy();

    // The sign-in really happened, with the role the ID token's groups map to.
    const user = await db.user.findUniqueOrThrow({ where: { email: `tia@${domain}` }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ orgId: org.id, role: "approver", active: true }]);

    const [answer] = issued;
    expect(issued).toHaveLength(1);
    const tokens = ["access_token", "refresh_token", "id_token"].map((name) => answer?.[name]);
    for (const token of tokens) expect(typeof token === "string" && token.length > 20, "the IdP issued each token").toBe(true);
    // Long enough to be unmistakable, short enough to catch a token stored in part.
    const needles = (tokens as string[]).flatMap((t) => [t, t.slice(-24)]);

    const accounts = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(a)::text AS row FROM "Account" a WHERE "userId" = ${user.id}`;
    for (const { row } of accounts) {
      const stored = JSON.parse(row) as Record<string, unknown>;
      for (const column of ["access_token", "refresh_token", "id_token", "session_state"]) expect(stored[column], `Account.${column}`).toBeNull();
    }

    const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump).toContain(user.id);
    for (const needle of needles) expect(dump.includes(needle), "an IdP token is stored in the database").toBe(false);

    // The session is Latch's own: a JWT naming the user, not a carrier for the IdP's tokens.
    const session = await decode({ token: sessionToken, secret: env.AUTH_SECRET, salt: SESSION_COOKIE });
    expect(session).toMatchObject({ uid: user.id });
    const claims = JSON.stringify(session);
    for (const needle of needles) expect(claims.includes(needle), "an IdP token is in the session").toBe(false);
  }, 60_000);
});
