// Identity providers come from configuration; each appears only when fully configured.
import Okta from "next-auth/providers/okta";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { env } from "@/lib/env";
import { findDevSignInUser } from "@/lib/auth/queries";

export const DEV_PROVIDER_ID = "dev";

type SsoEntry = { id: string; name: string; provider: Provider };

function ssoEntries(): SsoEntry[] {
  const entries: SsoEntry[] = [];
  if (env.OKTA_ISSUER && env.OKTA_CLIENT_ID && env.OKTA_CLIENT_SECRET) {
    entries.push({
      id: "okta",
      name: "Okta",
      provider: Okta({ issuer: env.OKTA_ISSUER, clientId: env.OKTA_CLIENT_ID, clientSecret: env.OKTA_CLIENT_SECRET }),
    });
  }
  if (env.ENTRA_ISSUER && env.ENTRA_CLIENT_ID && env.ENTRA_CLIENT_SECRET) {
    entries.push({
      id: "microsoft-entra-id",
      name: "Microsoft Entra ID",
      provider: MicrosoftEntraID({
        issuer: env.ENTRA_ISSUER,
        clientId: env.ENTRA_CLIENT_ID,
        clientSecret: env.ENTRA_CLIENT_SECRET,
        // The stock profile() fetches a photo from graph.microsoft.com: an extra network dependency
        // on every sign-in that fails outright on isolated networks.
        profile: (p) => ({ id: p.sub, name: p.name, email: p.email ?? p.preferred_username, image: null }),
      }),
    });
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    entries.push({
      id: "oidc",
      name: env.OIDC_NAME,
      provider: {
        id: "oidc",
        name: env.OIDC_NAME,
        type: "oidc",
        issuer: env.OIDC_ISSUER,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
      },
    });
  }
  return entries;
}

const SSO = ssoEntries();

/** What the sign-in page renders: one button per configured IdP. */
export const ssoProviders: readonly { id: string; name: string }[] = SSO.map(({ id, name }) => ({ id, name }));

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

export const authProviders: Provider[] = [...SSO.map((e) => e.provider), ...(env.devSignIn ? [devSignIn] : [])];
