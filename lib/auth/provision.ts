// Just-in-time provisioning for SSO sign-ins: the IdP vouches for the email, the email's domain
// picks the organisation. Nothing is created for a domain no organisation has claimed.
import type { Role } from "@/lib/auth/permissions";
import { createMember, findOrgByEmailDomain, findUserWithMemberships } from "@/lib/auth/queries";

export type SsoProfile = {
  email: unknown;
  name?: unknown;
  /** Refused only when the IdP says false outright; Entra and some Okta setups omit the claim. */
  emailVerified?: unknown;
  groups?: unknown;
};

export type ProvisionRefusal = "no_email" | "unverified_email" | "unknown_domain" | "inactive";
export type ProvisionResult = { ok: true; userId: string; created: boolean } | { ok: false; reason: ProvisionRefusal };

export async function provisionSsoUser(profile: SsoProfile): Promise<ProvisionResult> {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!email.includes("@") || !domain) return { ok: false, reason: "no_email" };
  if (profile.emailVerified === false || profile.emailVerified === "false") return { ok: false, reason: "unverified_email" };

  const existing = await findUserWithMemberships(email);
  if (existing) {
    if (!existing.active) return { ok: false, reason: "inactive" };
    if (existing.memberships.some((m) => m.active)) return { ok: true, userId: existing.id, created: false };
    // Removed or deactivated by an admin: signing in again must not bring the access back.
    if (existing.memberships.length > 0) return { ok: false, reason: "inactive" };
  }

  const org = await findOrgByEmailDomain(domain);
  if (!org) return { ok: false, reason: "unknown_domain" };
  const role = roleForGroups(org.id, stringArray(profile.groups));
  const name = typeof profile.name === "string" && profile.name.trim() ? profile.name.trim() : null;
  const userId = await createMember({ orgId: org.id, email, name, role });
  return { ok: true, userId, created: !existing };
}

/**
 * The seam for IdP group → role mapping (IdpConnection.groupRoleMappings). Until per-org IdP
 * connections exist, everyone starts as a developer and admins promote people in Latch.
 */
export function roleForGroups(_orgId: string, _groups: readonly string[]): Role {
  return "developer";
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
