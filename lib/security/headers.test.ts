// The page security headers as a browser will read them. The e2e suite checks them on the real
// pages (e2e/portal/web-security.spec.ts) and fails any page that violates the policy.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, identityProviderOrigins, securityHeaders, type PageSecurityOptions } from "@/lib/security/headers";

const base: PageSecurityOptions = { nonce: "bm9uY2Utb2YtdGhpcy1yZXNwb25zZQ==", https: false, development: false, formActionOrigins: [] };

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("content security policy", () => {
  it("allows scripts by this response's nonce only, and their own loads", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${base.nonce}'`, "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("locks down everything else", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(Object.fromEntries(csp)).toMatchObject({
      "default-src": ["'self'"],
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(directives(contentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("lets sign-in forms end at the configured IdPs", () => {
    const csp = directives(contentSecurityPolicy({ ...base, formActionOrigins: ["https://acme.okta.com", "https://login.microsoftonline.com"] }));
    expect(csp.get("form-action")).toEqual(["'self'", "https://acme.okta.com", "https://login.microsoftonline.com"]);
  });

  it("upgrades subresources and sends HSTS over https only", () => {
    expect(directives(contentSecurityPolicy({ ...base, https: true })).has("upgrade-insecure-requests")).toBe(true);
    expect(securityHeaders({ ...base, https: true })["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders(base)).not.toHaveProperty("strict-transport-security");
  });

  it("sends the other headers on every page", () => {
    expect(securityHeaders(base)).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    });
  });
});

describe("nonce", () => {
  it("is 128 random bits, base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("identityProviderOrigins", () => {
  it("keeps the origin of each configured issuer, once", () => {
    expect(
      identityProviderOrigins([
        "https://acme.okta.com/oauth2/default",
        undefined,
        "https://login.microsoftonline.com/tenant-id/v2.0",
        "https://acme.okta.com/oauth2/other",
        "not a url",
      ]),
    ).toEqual(["https://acme.okta.com", "https://login.microsoftonline.com"]);
  });
});
