// Origin check on /mcp (the MCP transport's DNS-rebinding rule): a request a browser sends
// carries an Origin, and only the portal's own origin (APP_URL) or one listed in
// LATCH_MCP_ALLOWED_ORIGINS may call. Clients that are not browsers send no Origin and pass.
import { env } from "@/lib/env";

function compile(pattern: string): (origin: string) => boolean {
  const trimmed = pattern.trim().replace(/\/+$/, "").toLowerCase();
  if (!trimmed.includes("*")) return (origin) => origin === trimmed;
  const re = new RegExp(
    `^${trimmed
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (origin) => re.test(origin);
}

const allowed = [compile(new URL(env.APP_URL).origin), ...env.LATCH_MCP_ALLOWED_ORIGINS.map(compile)];

/** null when the request may proceed; otherwise the refused origin. */
export function refusedOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin === null) return null;
  const normalised = origin.trim().toLowerCase();
  return allowed.some((ok) => ok(normalised)) ? null : origin;
}
