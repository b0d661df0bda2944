// Just-in-time provisioning for SSO sign-ins: the IdP vouches for the email, the email's domain
// (or the org's own IdP connection) picks the organisation, and the IdP's groups pick the role
// at every sign-in. Nothing is created for a domain no organisation has claimed.
import { env } from "@/lib/env";
import type { Role } from "@/lib/auth/permissions";
import { parseMappings, roleForGroups, stringArray, type GroupRoleMappings } from "@/lib/auth/group-roles";
import { createMember, findOrgByEmailDomain, findUserWithMemberships, syncMemberRole } from "@/lib/auth/queries";
import { memberCapacityAllows } from "@/lib/billing/plan-limits";
import { queueSeatSync } from "@/lib/billing/seats";

export type SsoProfile = {
  email: unknown;
  name?: unknown;
  /** Refused only when the IdP says false outright; Entra and some Okta setups omit the claim. */
  emailVerified?: unknown;
  groups?: unknown;
};

/** Which IdP vouched: one configured for the deployment, or an org's own connection. */
export type SignInSource =
  | { kind: "configured"; provider: string }
  | { kind: "connection"; connectionId: string; orgId: string; domains: readonly string[]; groupRoleMappings: unknown };

export type ProvisionRefusal = "no_email" | "unverified_email" | "unknown_domain" | "domain_mismatch" | "inactive" | "plan_limit";
export type ProvisionResult = { ok: true; userId: string; orgId: string; role: Role; created: boolean } | { ok: false; reason: ProvisionRefusal };

type Options = { bootstrapAdmins?: readonly string[] };

export async function provisionSsoUser(
  profile: SsoProfile,
  source: SignInSource = { kind: "configured", provider: "oidc" },
  { bootstrapAdmins = env.LATCH_BOOTSTRAP_ADMINS }: Options = {},
): Promise<ProvisionResult> {
  const checked = vouchedEmail(profile);
  if ("reason" in checked) return { ok: false, reason: checked.reason };
  const { email, domain } = checked;

  const target = await targetOrg(domain, source);
  if ("reason" in target) return { ok: false, reason: target.reason };

  const existing = await findUserWithMemberships(email);
  if (existing && !existing.active) return { ok: false, reason: "inactive" };
  const here = existing?.memberships.find((m) => m.orgId === target.orgId);
  // Deactivated by an admin: signing in again must not bring the access back.
  if (here && !here.active) return { ok: false, reason: "inactive" };

  const wanted = bootstrapAdmins.includes(email) ? "admin" : roleForGroups(target.mappings, stringArray(profile.groups));
  const via = source.kind === "connection" ? `idp-connection:${source.connectionId}` : `sso:${source.provider}`;
  if (!existing || !here) {
    if (!(await memberCapacityAllows(target.orgId))) return { ok: false, reason: "plan_limit" };
    const role = wanted ?? "developer";
    const name = typeof profile.name === "string" && profile.name.trim() ? profile.name.trim() : null;
    const userId = await createMember({ orgId: target.orgId, email, name, role });
    queueSeatSync(target.orgId);
    return { ok: true, userId, orgId: target.orgId, role, created: !existing };
  }
  if (wanted && wanted !== here.role) {
    await syncMemberRole({ membershipId: here.id, orgId: target.orgId, userId: existing.id, from: here.role, to: wanted, via });
  }
  return { ok: true, userId: existing.id, orgId: target.orgId, role: wanted ?? here.role, created: false };
}

/** The email the IdP vouches for, lower-cased, with its domain; or why there is none. */
export function vouchedEmail(profile: SsoProfile): { email: string; domain: string } | { reason: "no_email" | "unverified_email" } {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!email.includes("@") || !domain) return { reason: "no_email" };
  if (profile.emailVerified === false || profile.emailVerified === "false") return { reason: "unverified_email" };
  return { email, domain };
}

/**
 * An org's own IdP may only vouch for domains that org owns: otherwise its admin could configure
 * an IdP that asserts another company's addresses and sign in as their people.
 */
async function targetOrg(domain: string, source: SignInSource): Promise<{ orgId: string; mappings: GroupRoleMappings } | { reason: ProvisionRefusal }> {
  const owner = await findOrgByEmailDomain(domain);
  if (source.kind === "configured") return owner ? { orgId: owner.id, mappings: parseMappings(owner.groupRoleMappings) } : { reason: "unknown_domain" };
  if (!owner || owner.id !== source.orgId || !source.domains.includes(domain)) return { reason: "domain_mismatch" };
  const own = parseMappings(source.groupRoleMappings);
  return { orgId: owner.id, mappings: Object.keys(own).length ? own : parseMappings(owner.groupRoleMappings) };
}
