// Enable, disable and delete. Enabling needs a successful test sign-in (verifiedAt): an
// untested connection would lock the org's people out at the sign-in page.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { InvalidRequestError } from "@/lib/errors";
import { getConnectionOrThrow } from "@/lib/idp-connections/queries";

export async function setIdpConnectionEnabled({ actor, connectionId, enabled }: { actor: Actor; connectionId: string; enabled: boolean }): Promise<void> {
  requirePermission(actor, "org.write");
  const row = await getConnectionOrThrow(actor, connectionId, "org.write");
  if (enabled && !row.verifiedAt)
    throw new InvalidRequestError("Run a test sign-in through this connection before enabling it.", "id", "idp_connection_unverified");
  const status = enabled ? "enabled" : "disabled";
  if (row.status === status) return;
  await db.$transaction(async (tx) => {
    await tx.idpConnection.update({ where: { id: row.id }, data: { status } });
    await recordAudit(tx, actor, {
      action: `idp_connection.${status}`,
      targetType: "idp_connection",
      targetId: row.id,
      before: { status: row.status },
      after: { status },
    });
  });
}

export async function deleteIdpConnection({ actor, connectionId }: { actor: Actor; connectionId: string }): Promise<void> {
  requirePermission(actor, "org.write");
  const row = await getConnectionOrThrow(actor, connectionId, "org.write");
  await db.$transaction(async (tx) => {
    await tx.idpConnection.delete({ where: { id: row.id } });
    await recordAudit(tx, actor, { action: "idp_connection.deleted", targetType: "idp_connection", targetId: row.id, metadata: { issuer: row.issuer } });
  });
}
