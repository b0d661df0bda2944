import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { mappingsFromText } from "@/lib/auth/group-roles";
import { findOrgByEmailDomain } from "@/lib/auth/queries";
import { recordAudit } from "@/lib/audit/record";
import { InvalidRequestError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encryptSecret } from "@/lib/security/secret-box";
import { CreateConnectionInput } from "@/lib/idp-connections/schemas";
import { assertPlanAllows } from "@/lib/billing/plan-limits";

/**
 * Adds an org's own IdP, pending until a test sign-in through it succeeds. It may only vouch for
 * domains the org already owns (set by the operator), so no admin can route another company's
 * addresses to an IdP they control.
 */
export async function createIdpConnection({ actor, input }: { actor: Actor; input: CreateConnectionInput }): Promise<{ id: string }> {
  requirePermission(actor, "org.write");
  await assertPlanAllows(actor.orgId, "idp_connection");
  const data = CreateConnectionInput.parse(input);
  const mappings = mappingsFromText(data.groupRoleMappings);
  for (const domain of data.domains) {
    const owner = await findOrgByEmailDomain(domain);
    if (owner?.id !== actor.orgId) throw new InvalidRequestError(`${domain} is not one of your organisation's email domains.`, "domains", "domain_not_owned");
  }
  return db.$transaction(async (tx) => {
    const row = await tx.idpConnection.create({
      data: {
        orgId: actor.orgId,
        kind: data.kind,
        issuer: data.issuer,
        clientId: data.clientId,
        encryptedSecret: encryptSecret(data.clientSecret),
        domains: data.domains,
        groupRoleMappings: mappings as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "idp_connection.created",
      targetType: "idp_connection",
      targetId: row.id,
      metadata: { kind: data.kind, issuer: data.issuer, clientId: data.clientId, domains: data.domains },
    });
    return row;
  });
}
