// Auth.js callbacks, built per request because a sign-in through an org's own IdP carries that
// connection (lib/idp-connections/flow.ts). Who may sign in is decided here; what they may do
// afterwards is read from the database on every request (lib/auth/session.ts).
import type { NextAuthConfig } from "next-auth";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { provisionSsoUser, type SignInSource, type SsoProfile } from "@/lib/auth/provision";
import { recordAudit } from "@/lib/audit/record";
import { sameOriginRedirect } from "@/lib/auth/redirect";
import { ORG_IDP_ID, type ActiveFlow } from "@/lib/idp-connections/flow";
import { completeConnectionTest } from "@/lib/idp-connections/test-sign-in";

export function authCallbacks(flow: ActiveFlow | null): NonNullable<NextAuthConfig["callbacks"]> {
  return {
    async signIn({ user, account, profile }) {
      // Dev sign-in's authorize() already picked an existing, active user.
      if (!account || account.type === "credentials") return true;
      const sso: SsoProfile = {
        email: profile?.email ?? user.email,
        name: profile?.name ?? user.name,
        emailVerified: profile?.email_verified,
        groups: profile?.groups,
      };
      let source: SignInSource = { kind: "configured", provider: account.provider };
      if (account.provider === ORG_IDP_ID) {
        if (!flow) return "/sign-in?error=Configuration";
        // Returning a path makes Auth.js redirect without creating a session: the admin stays who they are.
        if (flow.mode === "test") return completeConnectionTest(flow, sso);
        if (flow.connection.status !== "enabled") return "/sign-in/not-set-up?reason=connection_disabled";
        const { id, orgId, domains, groupRoleMappings } = flow.connection;
        source = { kind: "connection", connectionId: id, orgId, domains, groupRoleMappings };
      }
      const result = await provisionSsoUser(sso, source);
      if (!result.ok) return `/sign-in/not-set-up?reason=${result.reason}`;
      // Without an adapter Auth.js passes this same object on to jwt(), so the token gets our id, not the IdP's sub.
      user.id = result.userId;
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      session.user.id = typeof token.uid === "string" ? token.uid : "";
      return session;
    },
    // Every callbackUrl Auth.js is handed (a form field, a query, its cookie) stays on this origin.
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
  };
}

/** Auth.js `events.signIn`: fires only once a session really was issued. */
export async function recordSignIn({ user, account }: { user: { id?: string }; account?: { provider: string } | null }): Promise<void> {
  const actor = user.id ? await loadActor(user.id) : null;
  if (!actor) return;
  await recordAudit(db, actor, { action: "user.signed_in", targetType: "user", targetId: actor.userId, metadata: { provider: account?.provider ?? null } });
}
