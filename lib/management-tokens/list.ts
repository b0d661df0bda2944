import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { TOKEN_PUBLIC_FIELDS } from "@/lib/management-tokens/schemas";

// Reading tokens is as privileged as minting them: their names and scopes map the org's automation.
export async function listManagementTokens({ actor, take, after }: { actor: Actor; take?: number; after?: string }) {
  requirePermission(actor, "tokens.write");
  return db.managementToken.findMany({
    where: { orgId: actor.orgId },
    select: TOKEN_PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(take ? { take } : {}),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}

export async function getManagementTokenOrThrow(actor: Actor, tokenId: string) {
  requirePermission(actor, "tokens.write");
  const token = await db.managementToken.findFirst({ where: { id: tokenId, orgId: actor.orgId }, select: TOKEN_PUBLIC_FIELDS });
  if (!token) throw new NotFoundError("token_not_found", "No such management token.", "id");
  return token;
}
