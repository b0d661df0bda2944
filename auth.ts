// Auth.js (next-auth v5) for the portal: SSO with just-in-time provisioning, plus dev sign-in
// when lib/env allows it. Sessions are JWTs in httpOnly cookies carrying only the Latch user id;
// what that user may do is read from the database on each request (lib/auth/session.ts).
import NextAuth from "next-auth";
import { env } from "@/lib/env";
import { authProviders } from "@/lib/auth/providers";
import { provisionSsoUser } from "@/lib/auth/provision";

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  providers: authProviders,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  useSecureCookies: env.APP_URL.startsWith("https:"),
  pages: { signIn: "/sign-in", error: "/sign-in" },
  callbacks: {
    async signIn({ user, account, profile }) {
      // Dev sign-in's authorize() already picked an existing, active user.
      if (!account || account.type === "credentials") return true;
      const result = await provisionSsoUser({
        email: profile?.email ?? user.email,
        name: profile?.name ?? user.name,
        emailVerified: profile?.email_verified,
        groups: profile?.groups,
      });
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
  },
});
