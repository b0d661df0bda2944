// Refusals worth an audit trail: someone asked for a specific thing that is not theirs. They go
// into the caller's own org only. Another org's object is answered and audited exactly like a
// missing one (no entry in that org, nothing that tells them apart), so neither the answer nor
// the caller's own audit log is an oracle for ids elsewhere, and no one can flood another org's
// permanent log. Misses are rate-limited per actor, so a scan cannot flood the caller's log either.
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { recordAudit } from "@/lib/audit/record";
import type { Action, Actor } from "@/lib/auth/permissions";

export type Denial = { permission: Action; targetType: string; targetId: string; resourceOrgId: string | null };

/** Entries for ids outside the caller's org, per actor and minute; the rest of a scan is not written. */
export const MISS_ENTRIES_PER_MINUTE = 10;

const actorId = (actor: Actor) => (actor.kind === "user" ? actor.userId : actor.kind === "token" ? actor.tokenId : "system");

const localMisses = new Map<string, number>();

async function underMissLimit(actor: Actor): Promise<boolean> {
  const minute = Math.floor(Date.now() / 60_000);
  const key = `${redis.prefix}denials:${actor.orgId}:${actorId(actor)}:${minute}`;
  if (redis.kind === "redis") {
    const [[, count]] = (await redis.client.multi().incr(key).pexpire(key, 120_000).exec()) as [[unknown, number]];
    return count <= MISS_ENTRIES_PER_MINUTE;
  }
  if (localMisses.size > 10_000) localMisses.clear();
  const count = (localMisses.get(key) ?? 0) + 1;
  localMisses.set(key, count);
  return count <= MISS_ENTRIES_PER_MINUTE;
}

/** Outside any transaction on purpose, so the record survives the refusal that follows. */
export async function recordDenial(actor: Actor, denial: Denial): Promise<void> {
  const inOrg = denial.resourceOrgId === actor.orgId;
  if (!inOrg && !(await underMissLimit(actor).catch(() => true))) return;
  await recordAudit(db, actor, {
    action: "access.denied",
    targetType: denial.targetType,
    targetId: denial.targetId,
    metadata: { permission: denial.permission, inOrg },
  });
}

/** Called when a scoped key lookup came back empty: audits it, another org's key like a missing one. */
export async function auditKeyDenial(actor: Actor, keyId: string, permission: Action): Promise<void> {
  const key = await db.virtualKey.findFirst({ where: { id: keyId, orgId: actor.orgId }, select: { orgId: true } });
  await recordDenial(actor, { permission, targetType: "key", targetId: keyId, resourceOrgId: key?.orgId ?? null });
}
