// Auth.js (next-auth v5) for the portal: SSO with just-in-time provisioning, plus dev sign-in
// when lib/env allows it. Sessions are JWTs in httpOnly cookies carrying only the Latch user id;
// what that user may do is read from the database on each request (lib/auth/session.ts).
// There is no database adapter: the IdP's tokens (access, refresh, ID) live only for the sign-in
// callback and are never stored (tests/security/idp-tokens.test.ts). An adapter added here would
// write them in clear to the Account table, against Latch's rule that no secret is stored in clear.
//
// The config is a function so that an org's own IdP connection can join the providers for the
// one request that needs it (lib/idp-connections/flow.ts); every other call sees the static set.
import NextAuth from "next-auth";
import { env } from "@/lib/env";
import { authProviders } from "@/lib/auth/providers";
import { authCallbacks, recordSignIn } from "@/lib/auth/callbacks";
import { resolveFlow } from "@/lib/idp-connections/flow";
import { orgIdpProvider } from "@/lib/idp-connections/provider";
import { SSO_SETTINGS_PATH } from "@/lib/idp-connections/test-sign-in";

export const { handlers, auth, signIn, signOut } = NextAuth(async (req) => {
  const flow = await resolveFlow(req);
  // A failed test run goes back to the settings page, not to the sign-in page of a signed-in admin.
  const landing = flow?.mode === "test" ? SSO_SETTINGS_PATH : "/sign-in";
  return {
    trustHost: true,
    secret: env.AUTH_SECRET,
    providers: flow ? [...authProviders, orgIdpProvider(flow.connection)] : authProviders,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    useSecureCookies: env.APP_URL.startsWith("https:"),
    pages: { signIn: landing, error: landing },
    callbacks: authCallbacks(flow),
    events: { signIn: recordSignIn },
  };
});
