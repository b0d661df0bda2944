// Optimistic gate for portal pages: no session cookie → sign-in. It cannot tell a valid or
// still-authorised session from a stale one; pages and actions check that against the database.
import { NextResponse, type NextRequest } from "next/server";

// Auth.js names (the __Secure- variant over https); large tokens are split into `.0`, `.1`, …
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

const SECURITY_HEADERS: Record<string, string> = {
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

export function proxy(request: NextRequest) {
  const signedIn = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  let response: NextResponse;
  if (signedIn) {
    response = NextResponse.next();
  } else {
    const url = new URL("/sign-in", request.url);
    const back = request.nextUrl.pathname + request.nextUrl.search;
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    response = NextResponse.redirect(url);
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Portal pages only: the data plane, management API, SCIM (IdPs send a bearer token, never a
    // cookie), Auth.js routes, Next assets, files with an extension and the sign-in pages are left alone.
    "/((?!v1(?:/|$)|api(?:/|$)|scim(?:/|$)|_next/|sign-in(?:/|$)|favicon\\.ico$|.*\\.[a-zA-Z0-9]+$).*)",
  ],
};
