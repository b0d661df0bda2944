import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getRouteOrThrow } from "@/lib/routes/list";

export async function deleteRoute({ actor, routeId }: { actor: Actor; routeId: string }): Promise<void> {
  requirePermission(actor, "providers.write");
  const route = await getRouteOrThrow(actor, routeId);
  await db.$transaction(async (tx) => {
    await tx.modelRoute.delete({ where: { id: route.id, orgId: actor.orgId } });
    await recordAudit(tx, actor, {
      action: "model_route.deleted",
      targetType: "model_route",
      targetId: route.id,
      metadata: { model: route.publicName, providerId: route.credentialId },
    });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}
