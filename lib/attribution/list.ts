import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getDimensionOrThrow, listDimensionRows } from "@/lib/attribution/queries";

/** Every member may read the definitions: the key form offers their values. */
export async function listDimensions({ actor }: { actor: Actor }) {
  requirePermission(actor, "keys.read.own");
  return listDimensionRows(db, actor.orgId);
}

export async function getDimension({ actor, id }: { actor: Actor; id: string }) {
  requirePermission(actor, "keys.read.own");
  return getDimensionOrThrow(db, actor.orgId, id);
}
