// The sign-in page's "work email" box: which IdP should this person use?
import { findOrgByEmailDomain } from "@/lib/auth/queries";
import type { ActiveFlow } from "@/lib/idp-connections/flow";
import { findEnabledConnectionId, loadFlowConnection } from "@/lib/idp-connections/queries";

export type EmailRoute =
  | { kind: "connection"; flow: ActiveFlow }
  /** The org exists but has no connection of its own: one of the deployment's configured IdPs. */
  | { kind: "configured" }
  | { kind: "unknown_domain" }
  | { kind: "invalid" };

const EMAIL = /^[^\s@]+@([a-z0-9-]+\.)+[a-z]{2,63}$/;

export async function routeEmail(raw: string): Promise<EmailRoute> {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) return { kind: "invalid" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const [owner, enabled] = await Promise.all([findOrgByEmailDomain(domain), findEnabledConnectionId(domain)]);
  if (!owner) return { kind: "unknown_domain" };
  // Only the domain's owner's connection counts (provisioning re-checks this at the callback).
  if (enabled && enabled.orgId === owner.id) {
    const connection = await loadFlowConnection(enabled.id);
    if (connection) return { kind: "connection", flow: { mode: "sign-in", connection } };
  }
  return { kind: "configured" };
}
