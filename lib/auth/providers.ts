// Identity providers come from configuration; each appears only when fully configured.
import Okta from "next-auth/providers/okta";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { env, type Env } from "@/lib/env";
import { findDevSignInUser } from "@/lib/auth/queries";
import { logWarn } from "@/lib/log";

export const DEV_PROVIDER_ID = "dev";

type SsoEntry = { id: string; name: string; provider: Provider };

/**
 * The stock Entra profile() fetches a photo from graph.microsoft.com: an extra network
 * dependency on every sign-in that fails outright on isolated networks.
 */
export const entraProfile = (p: { sub?: string; name?: string; email?: string; preferred_username?: string }) => ({
  id: p.sub,
  name: p.name,
  email: p.email ?? p.preferred_username,
  image: null,
});

function ssoEntries(config: Env): SsoEntry[] {
  const entries: SsoEntry[] = [];
  if (config.OKTA_ISSUER && config.OKTA_CLIENT_ID && config.OKTA_CLIENT_SECRET) {
    entries.push({
      id: "okta",
      name: "Okta",
      provider: Okta({ issuer: config.OKTA_ISSUER, clientId: config.OKTA_CLIENT_ID, clientSecret: config.OKTA_CLIENT_SECRET }),
    });
  }
  if (config.ENTRA_ISSUER && config.ENTRA_CLIENT_ID && config.ENTRA_CLIENT_SECRET) {
    entries.push({
      id: "microsoft-entra-id",
      name: "Microsoft Entra ID",
      provider: MicrosoftEntraID({
        issuer: config.ENTRA_ISSUER,
        clientId: config.ENTRA_CLIENT_ID,
        clientSecret: config.ENTRA_CLIENT_SECRET,
        profile: entraProfile,
      }),
    });
  }
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET) {
    entries.push({
      id: "oidc",
      name: config.OIDC_NAME,
      provider: {
        id: "oidc",
        name: config.OIDC_NAME,
        type: "oidc",
        issuer: config.OIDC_ISSUER,
        clientId: config.OIDC_CLIENT_ID,
        clientSecret: config.OIDC_CLIENT_SECRET,
      },
    });
  }
  return entries;
}

const devSignIn = Credentials({
  id: DEV_PROVIDER_ID,
  name: "Development sign-in",
  credentials: { email: {} },
  // Only existing users with an active membership; dev sign-in never provisions anyone.
  authorize: async (credentials) => {
    const email = typeof credentials.email === "string" ? credentials.email.trim().toLowerCase() : "";
    return email ? findDevSignInUser(email) : null;
  },
});

/** A function of the parsed configuration so tests can ask "what would production offer?". */
export function providersFor(config: Env): { sso: { id: string; name: string }[]; all: Provider[] } {
  const sso = ssoEntries(config);
  return { sso: sso.map(({ id, name }) => ({ id, name })), all: [...sso.map((e) => e.provider), ...(config.devSignIn ? [devSignIn] : [])] };
}

const configured = providersFor(env);
// Allowed only with LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION (lib/env.ts); say so at every start.
if (env.devSignIn && env.NODE_ENV === "production")
  logWarn("DEV SIGN-IN IS ENABLED IN PRODUCTION: anyone who can reach /sign-in can act as any user. Unset LATCH_DEV_SIGN_IN.");

/** What the sign-in page renders: one button per configured IdP. */
export const ssoProviders: readonly { id: string; name: string }[] = configured.sso;
export const authProviders: Provider[] = configured.all;
