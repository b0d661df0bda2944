// The admin "all keys" screen: every key in the org, searchable and filterable. Paged by the
// caller's limit; the model filter also finds keys that have sent traffic to that model.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { KEY_PUBLIC_FIELDS } from "@/lib/keys/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { KeyKind } from "@/lib/keys/schemas";

export type KeySearch = {
  q?: string;
  ownerUserId?: string;
  teamId?: string;
  status?: "active" | "revoked" | "expired" | "pending" | "suspended";
  kind?: KeyKind;
  model?: string;
  take?: number;
};

const MODEL_LOOKBACK_MS = 90 * 86_400_000;

export async function searchKeys({ actor, filter = {}, now = Date.now() }: { actor: Actor; filter?: KeySearch; now?: number }) {
  requirePermission(actor, "keys.read.all");
  const q = filter.q?.trim();
  const model = filter.model?.trim();
  // Rollups are the fast path: distinct keys per model over recent hours, never raw events.
  const usedModel = model
    ? (
        await db.usageRollup.findMany({
          where: { orgId: actor.orgId, model, bucket: { gte: new Date(now - MODEL_LOOKBACK_MS) } },
          select: { keyId: true },
          distinct: ["keyId"],
        })
      ).map((r) => r.keyId)
    : [];
  const and: Prisma.VirtualKeyWhereInput[] = [];
  if (q)
    and.push({
      OR: [{ name: { contains: q, mode: "insensitive" } }, { prefix: { startsWith: q } }, { owner: { email: { contains: q, mode: "insensitive" } } }],
    });
  if (model) and.push({ OR: [{ allowedModels: { has: model } }, { id: { in: usedModel } }] });
  // "expired" is derived from the clock: the stored status lags behind it.
  if (filter.status === "expired") and.push({ status: "active", expiresAt: { lte: new Date(now) } });
  else if (filter.status === "active") and.push({ status: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now) } }] });
  else if (filter.status) and.push({ status: filter.status });
  const where: Prisma.VirtualKeyWhereInput = {
    orgId: actor.orgId,
    ...(filter.ownerUserId ? { ownerUserId: filter.ownerUserId } : {}),
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    AND: and,
  };
  return db.virtualKey.findMany({
    where,
    select: { ...KEY_PUBLIC_FIELDS, team: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(filter.take ?? 200, 500),
  });
}
export type KeySearchRow = Awaited<ReturnType<typeof searchKeys>>[number];
