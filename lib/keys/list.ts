import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { keyScope, KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";
import type { KeyKind } from "@/lib/keys/schemas";

export type ListKeysFilter = {
  status?: "active" | "revoked" | "expired" | "pending" | "suspended";
  ownerEmail?: string;
  teamId?: string;
  kind?: KeyKind;
  /** Cursor pagination, newest first: at most `take` rows after the key with id `after`. */
  take?: number;
  after?: string;
};

export async function listKeys({ actor, status, ownerEmail, teamId, kind, take, after }: { actor: Actor } & ListKeysFilter) {
  requirePermission(actor, "keys.read.own");
  return db.virtualKey.findMany({
    where: {
      ...keyScope(actor, "read"),
      ...(status ? { status } : {}),
      ...(ownerEmail ? { owner: { email: ownerEmail } } : {}),
      ...(teamId ? { teamId } : {}),
      ...(kind ? { kind } : {}),
    },
    select: KEY_PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    ...(take ? { take } : {}),
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}
