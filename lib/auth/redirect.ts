/** Only same-site paths: a `callbackUrl` of `//evil.example` or `https://…` must not leave Latch. */
export function safeRedirectPath(value: unknown, fallback = "/keys"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return fallback;
  return value;
}
