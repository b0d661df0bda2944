// IdP connection reads. The decrypted client secret leaves this file only inside a FlowConnection,
// which goes straight into the Auth.js provider for one sign-in and is never rendered or logged.
import { db } from "@/lib/db";
import { recordDenial } from "@/lib/auth/denials";
import type { Action, Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import type { IdpKind, IdpStatus } from "@/lib/generated/prisma/client";
import { decryptSecret } from "@/lib/security/secret-box";

export type FlowConnection = {
  id: string;
  orgId: string;
  kind: IdpKind;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  groupRoleMappings: unknown;
  status: IdpStatus;
};

export const CONNECTION_PUBLIC_FIELDS = {
  id: true,
  kind: true,
  issuer: true,
  clientId: true,
  domains: true,
  groupRoleMappings: true,
  status: true,
  verifiedAt: true,
  createdAt: true,
} as const;

export async function loadFlowConnection(id: string): Promise<FlowConnection | null> {
  const row = await db.idpConnection.findUnique({
    where: { id },
    select: { id: true, orgId: true, kind: true, issuer: true, clientId: true, encryptedSecret: true, domains: true, groupRoleMappings: true, status: true },
  });
  if (!row) return null;
  const { encryptedSecret, ...rest } = row;
  return { ...rest, clientSecret: decryptSecret(encryptedSecret) };
}

/** A connection of the actor's org; another org's is refused and audited exactly like a missing one. */
export async function getConnectionOrThrow(actor: Actor, id: string, permission: Action) {
  const row = await db.idpConnection.findFirst({ where: { id, orgId: actor.orgId }, select: { ...CONNECTION_PUBLIC_FIELDS, orgId: true } });
  if (row) return row;
  // Another org's connection is audited like a missing one (in the caller's org only).
  await recordDenial(actor, { permission, targetType: "idp_connection", targetId: id, resourceOrgId: null });
  throw new NotFoundError("idp_connection_not_found", "No such IdP connection.", "id");
}

/** The enabled connection for an email domain, oldest first so the answer is stable. */
export function findEnabledConnectionId(domain: string) {
  return db.idpConnection.findFirst({
    where: { status: "enabled", domains: { has: domain } },
    orderBy: { createdAt: "asc" },
    select: { id: true, orgId: true },
  });
}
