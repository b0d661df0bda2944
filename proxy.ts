// Every page gets its security headers and a fresh CSP nonce here (lib/security/headers.ts);
// Next reads the nonce back from the request's CSP header and puts it on its own scripts.
// Portal pages also get an optimistic gate: no session cookie → sign-in. It cannot tell a valid
// or still-authorised session from a stale one; pages and actions check that against the database.
import { NextResponse, type NextRequest } from "next/server";
import { createNonce, pageSecurityHeaders } from "@/lib/security/headers";

// Auth.js names (the __Secure- variant over https); large tokens are split into `.0`, `.1`, …
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const PUBLIC_PAGE = /^\/(sign-in(\/|$)|api\/auth\/)/;

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = pageSecurityHeaders(nonce);
  const { pathname, search } = request.nextUrl;
  const signedIn = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  let response: NextResponse;
  if (signedIn || PUBLIC_PAGE.test(pathname)) {
    const forward = new Headers(request.headers);
    forward.set("content-security-policy", headers["content-security-policy"]!);
    forward.set("x-nonce", nonce);
    response = NextResponse.next({ request: { headers: forward } });
  } else {
    const url = new URL("/sign-in", request.url);
    const back = pathname + search;
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    response = NextResponse.redirect(url);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Pages, and Auth.js's routes (which can answer with HTML). Left alone: the data plane,
    // management API, MCP and its OAuth metadata (/.well-known), SCIM (bearer tokens, never a cookie), the rest of /api, /metrics, Next
    // assets and files with an extension.
    "/((?!v1(?:/|$)|mcp(?:/|$)|\\.well-known/|api/(?!auth/)|api$|scim(?:/|$)|metrics$|_next/|favicon\\.ico$|.*\\.[a-zA-Z0-9]+$).*)",
  ],
};
