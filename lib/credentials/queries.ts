import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { CREDENTIAL_PUBLIC_FIELDS } from "@/lib/credentials/schemas";

/** Scoped by the actor's org: another org's credential id is simply not found. */
export async function getCredentialOrThrow(actor: Actor, credentialId: string) {
  const credential = await db.providerCredential.findFirst({ where: { id: credentialId, orgId: actor.orgId }, select: CREDENTIAL_PUBLIC_FIELDS });
  if (!credential) throw new NotFoundError("provider_not_found", "No such provider.", "id");
  return credential;
}
