// The attribution a key is minted or changed with, checked against the org's dimensions inside
// the key verb's transaction.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertKeyDimensions, compileDimensions } from "@/lib/attribution/compile";
import { listDimensionRows } from "@/lib/attribution/queries";
import { assertRequiredDimensions } from "@/lib/guardrails/dimensions";

export type KeyAttribution = { dimensions: Record<string, string>; requestTags: string[]; teamId: string | null };

/** The same check outside a transaction, for asks that are not minted yet (key requests). */
export async function checkKeyAttributionNow(orgId: string, key: KeyAttribution): Promise<void> {
  await db.$transaction((tx) => checkKeyAttribution(tx, orgId, key));
}

export async function checkKeyAttribution(tx: Prisma.TransactionClient, orgId: string, key: KeyAttribution): Promise<void> {
  const dims = compileDimensions(await listDimensionRows(tx, orgId));
  assertKeyDimensions(dims, key.dimensions, key.requestTags);
  assertRequiredDimensions(dims, key.dimensions, key.teamId);
}
