// Where Latch may send a browser after sign-in or sign-out: its own pages, never another site.
// Browsers are lenient with URLs: they drop tabs and newlines ("/\t/evil" is "//evil"), read a
// backslash as a slash ("/\evil" is "//evil"), and "//evil" is another host. Encoded forms are
// refused too, in case something on the way decodes them.

const BASE = "http://latch.invalid";
// Whitespace and control characters (browsers strip some of them) anywhere in the raw value.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2060\u3000\ufeff]/;
// After the first slash, what makes a browser read the rest as a host: another slash or a
// backslash, possibly behind characters it strips.
const HOST_AFTER_SLASH = /^\/[\s\u0000-\u001f\u007f]*[/\\]/;

const looksLocal = (value: string) => value.startsWith("/") && !HOST_AFTER_SLASH.test(value);

/** A path on this origin: one leading slash, nothing a browser or a decoder could turn into a host. */
export function isLocalPath(value: string): boolean {
  if (value.length > 2048 || CONTROL_OR_SPACE.test(value) || value.includes("\\")) return false;
  // As given, and as up to three rounds of percent-decoding would leave it ("/%2F%2Fevil").
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (!looksLocal(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) break;
    current = decoded;
  }
  // What the browser will request, dot segments resolved: "/a/..//evil" is "//evil".
  let resolved: URL;
  try {
    resolved = new URL(value, BASE);
  } catch {
    return false;
  }
  return resolved.origin === BASE && looksLocal(resolved.pathname);
}

/** Only same-site paths: a `callbackUrl` of `//evil.example` or `https://…` must not leave Latch. */
export function safeRedirectPath(value: unknown, fallback = "/keys"): string {
  if (typeof value !== "string" || !isLocalPath(value)) return fallback;
  // Normalised as the browser would ("/./sign-in" is "/sign-in"); sign-in and API routes are never a landing page.
  const url = new URL(value, BASE);
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/") || url.pathname === "/api" || url.pathname.startsWith("/api/")) return fallback;
  return url.pathname + url.search + url.hash;
}

/**
 * Auth.js's `redirect` callback: a local path, or an absolute URL on this very origin; anything
 * else lands on the portal's home.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  if (url.startsWith("/")) return isLocalPath(url) ? new URL(url, base.origin).href : base.origin;
  try {
    const target = new URL(url);
    if (target.origin === base.origin && isLocalPath(target.pathname + target.search + target.hash)) return target.href;
  } catch {
    // Not a URL at all.
  }
  return base.origin;
}
