// Per-org IdPs through one Auth.js provider, "org-idp". Auth.js builds its providers per
// request when given a config function (auth.ts), so this file answers "which connection is
// this sign-in for?": inside the server action that starts it, from an AsyncLocalStorage; on the
// IdP's redirect back to /api/auth/callback/org-idp, from a short-lived HMAC-signed cookie.
// One callback URL serves every org, so each admin registers the same redirect URI at their IdP.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { loadFlowConnection, type FlowConnection } from "@/lib/idp-connections/queries";

export const ORG_IDP_ID = "org-idp";
export const FLOW_COOKIE = "latch.org-idp-flow";
export const FLOW_TTL_SECONDS = 600;
const CALLBACK_PATH = new RegExp(`^/api/auth/(signin|callback)/${ORG_IDP_ID}$`);

/** "test" is an admin's verification run: it marks the connection verified and signs no one in. */
export type FlowMode = "sign-in" | "test";
export type FlowTicket = { connectionId: string; mode: FlowMode; userId?: string; exp: number };
export type ActiveFlow = { mode: FlowMode; userId?: string; connection: FlowConnection };

const key = createHmac("sha256", env.AUTH_SECRET).update("latch:org-idp-flow:v1").digest();
const sign = (body: string) => createHmac("sha256", key).update(body).digest("base64url");

export function sealTicket(ticket: FlowTicket): string {
  const body = Buffer.from(JSON.stringify(ticket)).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** Signed so that nobody can point a callback at a connection (or a test run) they did not start. */
export function openTicket(value: string | undefined, now = Date.now()): FlowTicket | null {
  const [body, mac] = (value ?? "").split(".");
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const t = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as FlowTicket;
    if (typeof t.connectionId !== "string" || (t.mode !== "sign-in" && t.mode !== "test") || !(t.exp > now)) return null;
    return t;
  } catch {
    return null;
  }
}

const current = new AsyncLocalStorage<ActiveFlow>();

export function runInFlow<T>(flow: ActiveFlow, fn: () => T): T {
  return current.run(flow, fn);
}

type RequestLike = { url: string; cookies: { get(name: string): { value: string } | undefined } };

/**
 * Only the org-idp sign-in and callback routes look anything up: every other Auth.js call
 * (including the per-request session check) stays free of database work.
 */
export async function resolveFlow(req: RequestLike | undefined): Promise<ActiveFlow | null> {
  if (!req) return current.getStore() ?? null;
  if (!CALLBACK_PATH.test(new URL(req.url).pathname)) return null;
  const ticket = openTicket(req.cookies.get(FLOW_COOKIE)?.value);
  if (!ticket) return null;
  const connection = await loadFlowConnection(ticket.connectionId);
  return connection ? { mode: ticket.mode, userId: ticket.userId, connection } : null;
}
