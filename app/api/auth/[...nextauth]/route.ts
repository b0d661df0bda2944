import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { withRequestOrigin } from "@/lib/audit/context";
import { originFromHeaders } from "@/lib/auth/request-origin";

// Sign-in callbacks write audit events (user.signed_in, idp_connection.verified); give them the caller's address.
const withOrigin = (handler: (req: NextRequest) => Promise<Response>) => (req: NextRequest) =>
  withRequestOrigin(originFromHeaders(req.headers), () => handler(req));

export const GET = withOrigin(handlers.GET);
export const POST = withOrigin(handlers.POST);
