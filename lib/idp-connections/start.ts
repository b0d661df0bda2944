// Starts a sign-in (or an admin's test run) through an org's own IdP from a server action.
import "server-only";
import { cookies } from "next/headers";
import { signIn } from "@/auth";
import { env } from "@/lib/env";
import { FLOW_COOKIE, FLOW_TTL_SECONDS, ORG_IDP_ID, runInFlow, sealTicket, type ActiveFlow } from "@/lib/idp-connections/flow";

/** Ends in a redirect to the IdP (Next's redirect is thrown, as signIn() always does). */
export async function startOrgIdpFlow(flow: ActiveFlow, opts: { redirectTo: string; loginHint?: string }): Promise<void> {
  const ticket = sealTicket({ connectionId: flow.connection.id, mode: flow.mode, userId: flow.userId, exp: Date.now() + FLOW_TTL_SECONDS * 1000 });
  // Read back by the callback only; scoped to Auth.js's routes and gone within minutes.
  (await cookies()).set(FLOW_COOKIE, ticket, {
    httpOnly: true,
    sameSite: "lax",
    secure: env.APP_URL.startsWith("https:"),
    path: "/api/auth",
    maxAge: FLOW_TTL_SECONDS,
  });
  // signIn() builds its config without a request, so the connection travels in AsyncLocalStorage.
  await runInFlow(flow, () => signIn(ORG_IDP_ID, { redirectTo: opts.redirectTo }, opts.loginHint ? { login_hint: opts.loginHint } : undefined));
}
