// Verifying a connection: an admin signs in through it once. Success proves the issuer, client
// id, secret and redirect URI all work and that the IdP vouches for one of the org's domains.
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { vouchedEmail, type SsoProfile } from "@/lib/auth/provision";
import { recordAudit } from "@/lib/audit/record";
import { PermissionError } from "@/lib/errors";
import type { ActiveFlow } from "@/lib/idp-connections/flow";
import { getConnectionOrThrow, loadFlowConnection } from "@/lib/idp-connections/queries";

export const SSO_SETTINGS_PATH = "/settings/sso";

export async function startConnectionTest({ actor, connectionId }: { actor: Actor; connectionId: string }): Promise<ActiveFlow> {
  requirePermission(actor, "org.write");
  // A test run needs a person at a browser; management tokens cannot do one.
  if (actor.kind !== "user") throw new PermissionError("forbidden", "Only a signed-in admin can test a connection.");
  const row = await getConnectionOrThrow(actor, connectionId, "org.write");
  const connection = await loadFlowConnection(row.id);
  if (!connection) throw new PermissionError("forbidden", "The connection was removed.");
  return { mode: "test", userId: actor.userId, connection };
}

/**
 * Runs in the Auth.js sign-in callback of a test run and returns where to send the admin; no
 * session is created or changed. The admin is re-checked here: the run may outlive their role.
 */
export async function completeConnectionTest(flow: ActiveFlow, profile: SsoProfile): Promise<string> {
  const actor = flow.userId ? await loadActor(flow.userId) : null;
  if (!actor || !can(actor, "org.write") || actor.orgId !== flow.connection.orgId) return `${SSO_SETTINGS_PATH}?test=failed&reason=forbidden`;
  const checked = vouchedEmail(profile);
  const reason = "reason" in checked ? checked.reason : flow.connection.domains.includes(checked.domain) ? null : "domain_mismatch";
  const target = { targetType: "idp_connection", targetId: flow.connection.id };
  await db.$transaction(async (tx) => {
    if (!reason) await tx.idpConnection.update({ where: { id: flow.connection.id }, data: { verifiedAt: new Date() } });
    await recordAudit(tx, actor, {
      ...target,
      action: reason ? "idp_connection.test_failed" : "idp_connection.verified",
      metadata: { reason, email: "email" in checked ? checked.email : null },
    });
  });
  return reason ? `${SSO_SETTINGS_PATH}?test=failed&reason=${reason}` : `${SSO_SETTINGS_PATH}?test=ok`;
}
