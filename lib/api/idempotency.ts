// Idempotency-Key on management POSTs. The first request claims (org, operation, key) with a
// pending row before it runs, so a concurrent retry gets 409 instead of doing the work twice;
// the finished response replaces the claim and is replayed to retries for 24 hours. Secrets in
// a stored response (a new key's raw value) are kept only as encryptSecret ciphertext.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { InvalidRequestError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/security/secret-box";

const RETENTION_MS = 24 * 60 * 60 * 1000;
/** A claim this old belongs to a request that died mid-way (a crash, a deploy): retries may take it over. */
const ABANDONED_MS = 60 * 1000;
const MAX_KEY_LENGTH = 255;

export type IdempotentResult = { status: number; body: unknown };
type Stored =
  | { state: "pending"; fingerprint: string }
  | { state: "done"; fingerprint: string; status: number; body: Record<string, unknown>; sealed: Record<string, string> };

export type IdempotencyScope = { orgId: string; operation: string; key: string; fingerprint: string; secrets: readonly string[] };

export const fingerprintOf = (...parts: string[]) => createHash("sha256").update(parts.join("\n")).digest("hex");

export async function withIdempotency(scope: IdempotencyScope, run: () => Promise<IdempotentResult>): Promise<IdempotentResult & { replayed: boolean }> {
  if (scope.key.length === 0 || scope.key.length > MAX_KEY_LENGTH)
    throw new InvalidRequestError(`Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters.`, "Idempotency-Key", "invalid_value");
  const where = { orgId_operation_key: { orgId: scope.orgId, operation: scope.operation, key: scope.key } };
  const replay = await claim(scope);
  if (replay) return { ...replay, replayed: true };
  try {
    const result = await run();
    await db.idempotencyRecord.update({ where, data: { response: seal(result, scope) as Prisma.InputJsonValue } });
    return { ...result, replayed: false };
  } catch (err) {
    // A failed request leaves no record, so the client can retry it with the same key.
    await db.idempotencyRecord.delete({ where }).catch(() => {});
    throw err;
  }
}

/** Null when this request now owns the key; the stored response when it must be replayed. */
async function claim(scope: IdempotencyScope, attempt = 0): Promise<IdempotentResult | null> {
  const id = { orgId: scope.orgId, operation: scope.operation, key: scope.key };
  const pending: Stored = { state: "pending", fingerprint: scope.fingerprint };
  const created = await db.idempotencyRecord.create({ data: { ...id, response: pending } }).then(
    () => true,
    (err: unknown) => {
      if ((err as { code?: string }).code === "P2002") return false;
      throw err;
    },
  );
  if (created) return null;

  const existing = await db.idempotencyRecord.findUnique({ where: { orgId_operation_key: id } });
  if (!existing) {
    if (attempt < 2) return claim(scope, attempt + 1);
    throw inProgress();
  }
  const stored = existing.response as Stored;
  const age = Date.now() - existing.createdAt.getTime();
  if (age > RETENTION_MS || (stored.state === "pending" && age > ABANDONED_MS)) {
    // Conditional on createdAt, so of two retries racing for an expired record only one wins.
    const taken = await db.idempotencyRecord.updateMany({
      where: { ...id, createdAt: existing.createdAt },
      data: { createdAt: new Date(), response: pending },
    });
    if (taken.count === 1) return null;
    throw inProgress();
  }
  if (stored.fingerprint !== scope.fingerprint)
    throw new InvalidRequestError("This Idempotency-Key was already used for a different request.", "Idempotency-Key", "idempotency_key_reused");
  if (stored.state === "pending") throw inProgress();
  const body = { ...stored.body };
  for (const [field, box] of Object.entries(stored.sealed)) body[field] = decryptSecret(box);
  return { status: stored.status, body };
}

const inProgress = () =>
  new InvalidRequestError("A request with this Idempotency-Key is still in progress; retry shortly.", "Idempotency-Key", "idempotency_key_in_use", 409);

function seal(result: IdempotentResult, scope: IdempotencyScope): Stored {
  const body = { ...(result.body as Record<string, unknown>) };
  const sealed: Record<string, string> = {};
  for (const field of scope.secrets) {
    const value = body[field];
    if (typeof value !== "string") continue;
    sealed[field] = encryptSecret(value);
    body[field] = null;
  }
  return { state: "done", fingerprint: scope.fingerprint, status: result.status, body, sealed };
}
