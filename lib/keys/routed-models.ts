import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

export type RoutedModel = { name: string; provider: string };

/** The models this org routes (public names and aliases) with their provider: what a key's model pickers offer. */
export async function listRoutedModels({ actor }: { actor: Actor }): Promise<RoutedModel[]> {
  requirePermission(actor, "keys.read.own");
  const routes = await db.modelRoute.findMany({
    where: { orgId: actor.orgId },
    select: { publicName: true, aliases: true, credential: { select: { provider: true } } },
    orderBy: { publicName: "asc" },
  });
  const seen = new Map<string, RoutedModel>();
  for (const r of routes) for (const name of [r.publicName, ...r.aliases]) if (!seen.has(name)) seen.set(name, { name, provider: r.credential.provider });
  return [...seen.values()];
}
