// The Auth.js provider for one org's own IdP connection, always under the id "org-idp" so that
// every org shares one callback URL. Okta and Entra ID use Auth.js's own providers for their quirks.
import Okta from "next-auth/providers/okta";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import type { Provider } from "next-auth/providers";
import { entraProfile } from "@/lib/auth/providers";
import { ORG_IDP_ID } from "@/lib/idp-connections/flow";
import type { FlowConnection } from "@/lib/idp-connections/queries";

export const ORG_IDP_NAME = "your organisation's sign-in";

export function orgIdpProvider(c: FlowConnection): Provider {
  const common = { id: ORG_IDP_ID, name: ORG_IDP_NAME, issuer: c.issuer, clientId: c.clientId, clientSecret: c.clientSecret };
  if (c.kind === "okta") return Okta(common);
  if (c.kind === "entra") return MicrosoftEntraID({ ...common, profile: entraProfile });
  return { ...common, type: "oidc" };
}
