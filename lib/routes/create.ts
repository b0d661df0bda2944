import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { InvalidRequestError } from "@/lib/errors";
import { CreateRouteInput, ROUTE_PUBLIC_FIELDS, type RouteRecord } from "@/lib/routes/schemas";

/** Routes a public model name to a credential. Several routes per name fail over by priority. */
export async function createRoute({ actor, input }: { actor: Actor; input: CreateRouteInput }): Promise<RouteRecord> {
  requirePermission(actor, "providers.write");
  const data = CreateRouteInput.parse(input);
  const route = await db.$transaction(async (tx) => {
    const credential = await tx.providerCredential.findFirst({ where: { id: data.providerId, orgId: actor.orgId }, select: { id: true } });
    if (!credential) throw new InvalidRequestError("No such provider in this organisation.", "providerId");
    const duplicate = await tx.modelRoute.findFirst({
      where: { orgId: actor.orgId, publicName: data.model, credentialId: credential.id },
      select: { id: true },
    });
    if (duplicate) throw new InvalidRequestError("This provider already serves that model name.", "model", "already_exists", 409);
    const created = await tx.modelRoute.create({
      data: {
        orgId: actor.orgId,
        publicName: data.model,
        credentialId: credential.id,
        upstreamModel: data.upstreamModel ?? data.model,
        aliases: data.aliases,
        priority: data.priority,
        enabled: data.enabled,
      },
      select: ROUTE_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "model_route.created",
      targetType: "model_route",
      targetId: created.id,
      metadata: { model: data.model, providerId: credential.id },
    });
    return created;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return route;
}
