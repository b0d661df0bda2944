import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getCredentialOrThrow } from "@/lib/credentials/queries";

/** Deletes the credential and, with it, every route that points at it. Usage history is kept. */
export async function deleteCredential({ actor, credentialId }: { actor: Actor; credentialId: string }): Promise<void> {
  requirePermission(actor, "providers.write");
  const credential = await getCredentialOrThrow(actor, credentialId);
  await db.$transaction(async (tx) => {
    await tx.providerCredential.delete({ where: { id: credential.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, {
      action: "provider.deleted",
      targetType: "provider",
      targetId: credential.id,
      metadata: { name: credential.name, provider: credential.provider, routes: credential.routes.map((r) => r.publicName) },
    });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
