// Where a portal or sign-in request came from, for the audit log (lib/audit/context.ts).
import type { RequestOrigin } from "@/lib/audit/context";
import { PEER_ADDRESS_HEADER, resolveClientIp } from "@/lib/gateway/client-ip";

export function originFromHeaders(headers: Headers): RequestOrigin {
  return { ip: resolveClientIp(headers.get(PEER_ADDRESS_HEADER), headers.get("x-forwarded-for")), userAgent: headers.get("user-agent") };
}
