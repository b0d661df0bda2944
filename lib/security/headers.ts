// The security headers of every page Latch serves (portal, sign-in, API docs), in one place.
// proxy.ts applies them per request; a nonce makes the Content-Security-Policy strict: only
// scripts that Next rendered for this very response (and what those load) may run.
import { env } from "@/lib/env";

export type PageSecurityOptions = {
  /** Fresh for every response; Next reads it back from the request's CSP header. */
  nonce: string;
  /** Served over https (APP_URL): HSTS, and http subresources are upgraded. */
  https: boolean;
  /** `next dev` needs eval for its error overlay; production never does. */
  development: boolean;
  /**
   * Where a sign-in form may end up. A server action that starts SSO answers with a redirect to
   * the IdP; with JavaScript running Next follows it as a plain navigation, but a form posted
   * before hydration (or without JavaScript) is a form navigation, and Chromium checks every
   * redirect of it against form-action.
   */
  formActionOrigins: readonly string[];
};

/** 16 random bytes, base64: unguessable and unique per response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(o: PageSecurityOptions): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script are trusted too (Next's chunks), and
    // host allow-lists, 'self' included, are ignored by browsers that understand it.
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, progress bars) need 'unsafe-inline'. Styles cannot run
    // code, and img-src/font-src/connect-src 'self' leave them no way to send data elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${["'self'", ...o.formActionOrigins].join(" ")}`,
    "frame-ancestors 'none'",
  ];
  if (o.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function securityHeaders(o: PageSecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(o),
    // For browsers without CSP level 2 (frame-ancestors).
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  if (o.https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** The origins of the deployment's configured IdPs (their authorization endpoints live there). */
export function identityProviderOrigins(issuers: readonly (string | undefined)[]): string[] {
  const origins = new Set<string>();
  for (const issuer of issuers) {
    if (!issuer) continue;
    try {
      const url = new URL(issuer);
      if (url.protocol === "https:" || url.protocol === "http:") origins.add(url.origin);
    } catch {
      // lib/env already refuses a malformed issuer; nothing to allow here.
    }
  }
  return [...origins];
}

const deployment = {
  https: env.APP_URL.startsWith("https:"),
  development: env.NODE_ENV === "development",
  formActionOrigins: identityProviderOrigins([env.OIDC_ISSUER, env.OKTA_ISSUER, env.ENTRA_ISSUER]),
};

/** The header set for one page response of this deployment. */
export function pageSecurityHeaders(nonce: string): Record<string, string> {
  return securityHeaders({ ...deployment, nonce });
}
