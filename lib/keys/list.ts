import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { keyScope, KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";

export async function listKeys({ actor, status }: { actor: Actor; status?: "active" | "revoked" | "expired" | "pending" }) {
  requirePermission(actor, "keys.read.own");
  return db.virtualKey.findMany({
    where: { ...keyScope(actor, "read"), ...(status ? { status } : {}) },
    select: KEY_PUBLIC_FIELDS,
    orderBy: { createdAt: "desc" },
  });
}
