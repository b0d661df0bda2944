import { db } from "@/lib/db";
import { actorUserId, can, requirePermission, SCOPE_PERMISSIONS, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { generateSecret, MANAGEMENT_TOKEN_PREFIX } from "@/lib/security/tokens";
import { InvalidRequestError, PermissionError } from "@/lib/errors";
import { CreateManagementTokenInput, TOKEN_PUBLIC_FIELDS, type ManagementTokenRecord } from "@/lib/management-tokens/schemas";

/** Mints an org-scoped management token. The raw secret is returned once; only its SHA-256 is kept. */
export async function createManagementToken({
  actor,
  input,
}: {
  actor: Actor;
  input: CreateManagementTokenInput;
}): Promise<{ token: ManagementTokenRecord; secret: string }> {
  requirePermission(actor, "tokens.write");
  const data = CreateManagementTokenInput.parse(input);
  // No one can mint a token that is more powerful than themselves.
  const exceeds = data.scopes.find((scope) => SCOPE_PERMISSIONS[scope].some((action) => !can(actor, action)));
  if (exceeds) throw new PermissionError("scope_not_grantable", `You cannot grant the \`${exceeds}\` scope.`);
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now())
    throw new InvalidRequestError("`expiresAt` must be in the future.", "expiresAt", "invalid_value");

  const { secret, hash, displayPrefix } = generateSecret(MANAGEMENT_TOKEN_PREFIX);
  const token = await db.$transaction(async (tx) => {
    const created = await tx.managementToken.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        prefix: displayPrefix,
        hash,
        scopes: [...new Set(data.scopes)],
        expiresAt: data.expiresAt,
        createdById: actorUserId(actor),
      },
      select: TOKEN_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "management_token.created",
      targetType: "management_token",
      targetId: created.id,
      metadata: { name: created.name, scopes: created.scopes },
    });
    return created;
  });
  return { token, secret };
}
