// Open redirects: a callbackUrl is attacker-controlled (a link to /sign-in?callbackUrl=…), so
// every form a browser would read as another host must land on the portal instead.
import { describe, expect, it } from "vitest";
import { isLocalPath, safeRedirectPath, sameOriginRedirect } from "@/lib/auth/redirect";

const OFF_SITE = [
  "//evil.example",
  "//evil.example/keys",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "https://evil.example",
  "http://evil.example/keys",
  "HTTPS://evil.example",
  "https:evil.example",
  "//evil.example@latch.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "keys",
  "",
  // Tabs, newlines and other characters browsers strip or treat as separators.
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u00a0/evil.example",
  "/\u3000/evil.example",
  "/\ufeff/evil.example",
  // Encoded once, twice, mixed case, and encoded stripped characters.
  "/%2F%2Fevil.example",
  "/%2f%2fevil.example",
  "/%2Fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0d%0a/evil.example",
  "/%E0%A4%A", // malformed escape
  // Dot segments that resolve to "//evil".
  "/a/..//evil.example",
  "/%2e%2e//evil.example",
  "/./\\evil.example",
];

describe("safeRedirectPath", () => {
  it.each(OFF_SITE)("refuses %j", (value) => {
    expect(safeRedirectPath(value)).toBe("/keys");
    expect(isLocalPath(value)).toBe(false);
  });

  it.each([
    ["/keys", "/keys"],
    ["/keys/new", "/keys/new"],
    ["/keys/abc123", "/keys/abc123"],
    ["/admin/usage/keys/k1?range=30d", "/admin/usage/keys/k1?range=30d"],
    ["/keys?q=my%20key&status=all", "/keys?q=my%20key&status=all"],
    ["/requests#waiting", "/requests#waiting"],
    ["/", "/"],
    ["/admin/../keys", "/keys"],
  ])("keeps the local path %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  it("never lands on sign-in or an API route (loops, JSON)", () => {
    for (const value of ["/sign-in", "/sign-in?callbackUrl=/keys", "/sign-in/not-set-up", "/./sign-in", "/keys/../sign-in", "/api/auth/signout", "/api"]) {
      expect(safeRedirectPath(value)).toBe("/keys");
    }
  });

  it("refuses what is not a string, and very long values", () => {
    for (const value of [undefined, null, 42, ["/keys"], { toString: () => "/keys" }]) expect(safeRedirectPath(value)).toBe("/keys");
    expect(safeRedirectPath(`/keys?${"a".repeat(3000)}`)).toBe("/keys");
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.example", "/admin")).toBe("/admin");
  });
});

describe("sameOriginRedirect (Auth.js redirect callback)", () => {
  const base = "https://latch.example.com";

  it("keeps local paths and absolute URLs of this origin", () => {
    expect(sameOriginRedirect("/keys", base)).toBe("https://latch.example.com/keys");
    expect(sameOriginRedirect("/sign-in?error=NoAccess", base)).toBe("https://latch.example.com/sign-in?error=NoAccess");
    expect(sameOriginRedirect("https://latch.example.com/keys/new?x=1", base)).toBe("https://latch.example.com/keys/new?x=1");
  });

  it.each([
    "https://evil.example/keys",
    "https://latch.example.com.evil.example/keys",
    "https://latch.example.com@evil.example/",
    "http://latch.example.com/keys", // another origin: the scheme differs
    "https://latch.example.com:8443/keys",
    "https://latch.example.com//evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/%2F%2Fevil.example",
    "javascript:alert(1)",
    "not a url",
  ])("sends %j to the portal's home instead", (url) => {
    expect(sameOriginRedirect(url, base)).toBe("https://latch.example.com");
  });
});
