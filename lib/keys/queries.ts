// Key reads scoped by org (and by owner unless the actor may see all keys).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/permissions";
import { keyAccessWhere } from "@/lib/auth/key-scope";
import { auditKeyDenial } from "@/lib/auth/denials";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The where-clause of every key lookup: an actor can never reach another org's keys (rule in lib/auth). */
export const keyScope = keyAccessWhere;

export const KEY_PUBLIC_FIELDS = {
  id: true,
  name: true,
  prefix: true,
  status: true,
  kind: true,
  ownerUserId: true,
  teamId: true,
  allowedProviders: true,
  allowedModels: true,
  deniedModels: true,
  allowedIps: true,
  rpmLimit: true,
  tpmLimit: true,
  maxConcurrent: true,
  maxRequestCostUsd: true,
  maxOutputTokens: true,
  maxSensitivity: true,
  sensitivityAction: true,
  expiresAt: true,
  lastUsedAt: true,
  createdAt: true,
  revokedAt: true,
  rotatedAt: true,
  metadata: true,
  dimensions: true,
  requestTags: true,
  maxChildKeys: true,
  degradeRules: true,
  parentKeyId: true,
  runId: true,
  mcpPolicy: true,
  budgets: { select: { id: true, kind: true, period: true, limit: true }, orderBy: { createdAt: "asc" } },
  owner: { select: { email: true } },
} satisfies Prisma.VirtualKeySelect;

export async function getKeyOrThrow(actor: Actor, keyId: string, access: "read" | "write") {
  const key = await db.virtualKey.findFirst({ where: { ...keyScope(actor, access), id: keyId }, select: KEY_PUBLIC_FIELDS });
  if (!key) {
    // Someone else's key looks exactly like a missing one to the caller, but is audited.
    await auditKeyDenial(actor, keyId, access === "read" ? "keys.read.own" : "keys.write.own");
    throw new NotFoundError("key_not_found", "No such key.", "id");
  }
  return key;
}
