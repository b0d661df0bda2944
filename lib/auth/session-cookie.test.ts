// The session cookie as Latch's Auth.js configuration issues it, over http and over https. The
// e2e server runs on http, so the https variant (Secure, __Secure- prefix) is checked here: a
// valid session token is presented to the real handler, which sends the cookie back refreshed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";

async function refreshedSessionCookie(appUrl: string): Promise<{ name: string; attributes: string[] }> {
  vi.resetModules();
  vi.stubEnv("APP_URL", appUrl);
  vi.stubEnv("AUTH_URL", appUrl);
  const { env } = await import("@/lib/env");
  const { handlers } = await import("@/auth");
  const name = `${appUrl.startsWith("https:") ? "__Secure-" : ""}authjs.session-token`;
  const token = await encode({ token: { uid: "user-1", email: "a@demo.latch.local" }, secret: env.AUTH_SECRET, salt: name, maxAge: 3600 });
  const response = await handlers.GET(new NextRequest(`${appUrl}/api/auth/session`, { headers: { cookie: `${name}=${token}` } }));
  expect(response.status).toBe(200);
  expect(((await response.json()) as { user?: { id?: string } }).user?.id).toBe("user-1");
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  expect(cookie, `no ${name} cookie in ${JSON.stringify(response.headers.getSetCookie())}`).toBeDefined();
  const [, ...attributes] = cookie!.split(";").map((part) => part.trim());
  return { name, attributes: attributes.map((a) => a.toLowerCase()) };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax over http", async () => {
    const { attributes } = await refreshedSessionCookie("http://localhost:3000");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("path=/");
    expect(attributes).not.toContain("secure");
  });

  it("is Secure and __Secure- prefixed when APP_URL is https", async () => {
    const { name, attributes } = await refreshedSessionCookie("https://latch.example.com");
    expect(name).toBe("__Secure-authjs.session-token");
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=lax");
    expect(attributes).toContain("secure");
    // No Domain attribute: the cookie stays on the portal's own host.
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
  });
});
