import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getCredentialOrThrow } from "@/lib/credentials/queries";
import { CREDENTIAL_PUBLIC_FIELDS } from "@/lib/credentials/schemas";

// There is no separate read permission: provider settings are for those who may change them.
export async function listCredentials({ actor, take, after }: { actor: Actor; take?: number; after?: string }) {
  requirePermission(actor, "providers.write");
  return db.providerCredential.findMany({
    where: { orgId: actor.orgId },
    select: CREDENTIAL_PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(take ? { take } : {}),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}

export async function getCredential({ actor, credentialId }: { actor: Actor; credentialId: string }) {
  requirePermission(actor, "providers.write");
  return getCredentialOrThrow(actor, credentialId);
}
