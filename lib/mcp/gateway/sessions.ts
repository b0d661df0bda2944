// MCP sessions live in Redis, so any instance serves any request of a session: a session is
// only its id bound to the key that opened it (each request still authenticates the key). The
// open streams of a session (a GET notification stream, in-flight calls) are local to the
// instance holding them and are closed at once when the key is revoked, on every instance.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { onInvalidation } from "@/lib/invalidation";
import { forgetSubscriptions } from "@/lib/mcp/gateway/subscriptions";

export type SessionRecord = {
  orgId: string;
  keyId: string;
  scope: string;
  protocolVersion: string | null;
  /** Set by logging/setLevel: the least severe upstream log message relayed to this session. */
  logLevel?: string;
  /** What the client declared at initialize: whether upstream sampling and elicitation may be relayed to it. */
  clientCapabilities?: { sampling: boolean; elicitation: boolean };
};

const TTL_S = 24 * 3600;
const sessionKey = (id: string) => `${redis.prefix}mcp:s:${id}`;
const keySessions = (keyId: string) => `${redis.prefix}mcp:k:${keyId}`;
// Process-wide (not per module copy): route bundles and the lean server share one registry.
const holder = globalThis as unknown as { latchMcpSessions?: { memory: Map<string, string>; memoryByKey: Map<string, Set<string>>; open: Set<Open> } };
const shared = (holder.latchMcpSessions ??= { memory: new Map(), memoryByKey: new Map(), open: new Set() });
const { memory, memoryByKey, open } = shared;

export async function createSession(record: SessionRecord): Promise<string> {
  const id = randomUUID();
  const value = JSON.stringify(record);
  if (redis.kind === "memory") {
    memory.set(id, value);
    memoryByKey.set(record.keyId, (memoryByKey.get(record.keyId) ?? new Set()).add(id));
  } else {
    if (redis.kind === "redis") await redis.client.set(sessionKey(id), value, "EX", TTL_S);
    else await redis.client.set(sessionKey(id), value, { ex: TTL_S });
    await redis.client.sadd(keySessions(record.keyId), id);
    await redis.client.expire(keySessions(record.keyId), TTL_S);
  }
  return id;
}

export async function getSession(id: string): Promise<SessionRecord | null> {
  const value =
    redis.kind === "memory"
      ? memory.get(id)
      : redis.kind === "redis"
        ? await redis.client.get(sessionKey(id))
        : await redis.client.get<unknown>(sessionKey(id));
  if (!value) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as SessionRecord;
}

/** Rewrites a session's record, keeping its expiry. */
export async function updateSession(id: string, record: SessionRecord): Promise<void> {
  const value = JSON.stringify(record);
  if (redis.kind === "memory") memory.set(id, value);
  else if (redis.kind === "redis") await redis.client.set(sessionKey(id), value, "KEEPTTL");
  else await redis.client.set(sessionKey(id), value, { keepTtl: true });
}

export async function deleteSession(id: string, keyId: string): Promise<void> {
  closeLocal((s) => s.sessionId === id);
  forgetSubscriptions(id);
  if (redis.kind === "memory") {
    memory.delete(id);
    memoryByKey.get(keyId)?.delete(id);
    return;
  }
  await redis.client.del(sessionKey(id));
  await redis.client.srem(keySessions(keyId), id);
}

async function deleteKeySessions(keyId: string): Promise<void> {
  if (redis.kind === "memory") {
    for (const id of memoryByKey.get(keyId) ?? []) memory.delete(id);
    memoryByKey.delete(keyId);
    return;
  }
  const ids = await redis.client.smembers(keySessions(keyId));
  if (ids.length) await redis.client.del(...ids.map(sessionKey));
  await redis.client.del(keySessions(keyId));
}

/** Something held open on this instance for a session: a stream or an in-flight call. */
type Open = { sessionId: string | null; keyId: string; close(): void };

export function holdOpen(entry: Open): () => void {
  open.add(entry);
  return () => open.delete(entry);
}

function closeLocal(match: (entry: Open) => boolean): void {
  for (const entry of [...open]) if (match(entry)) open.delete(entry), entry.close();
}

export const openCount = (keyId: string) => [...open].filter((e) => e.keyId === keyId).length;

onInvalidation((message) => {
  if (message.kind !== "key") return;
  const { keyId } = message;
  // Invalidations also follow policy edits: only a key that no longer works loses its sessions.
  void db.virtualKey
    .findUnique({ where: { id: keyId }, select: { status: true, expiresAt: true } })
    .then(async (row) => {
      if (row && row.status === "active" && (row.expiresAt === null || row.expiresAt.getTime() > Date.now())) return;
      closeLocal((e) => e.keyId === keyId);
      await deleteKeySessions(keyId);
    })
    .catch(() => {});
});
