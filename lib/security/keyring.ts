// AES-256-GCM boxes under a keyring: one current key seals, retired keys still open, so the
// encryption key can be rotated without losing what is stored (see docs/operations.md).
// Formats:
//   v2:<key id>:<iv b64>:<tag b64>:<ciphertext b64>   (sealed by this module)
//   v1:<iv b64>:<tag b64>:<ciphertext b64>            (before key ids; opened by trying each key)
// The key id is the first 8 hex chars of the key's SHA-256: it names a key without revealing it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

type Key = { id: string; bytes: Buffer };
export type Keyring = { current: Key; byId: ReadonlyMap<string, Key> /** Current first. */; keys: readonly Key[] };

/** A box that cannot be opened: its message names a key id at most, never a key or a secret. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

export const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

/** Keys are base64 of 32 bytes (validated in lib/env.ts); duplicates are ignored. */
export function createKeyring(current: string, previous: readonly string[] = []): Keyring {
  const keys: Key[] = [];
  const byId = new Map<string, Key>();
  for (const encoded of [current, ...previous]) {
    const bytes = Buffer.from(encoded, "base64");
    if (bytes.length !== 32) throw new SecretBoxError("an encryption key is not 32 bytes of base64");
    const key = { id: keyId(bytes), bytes };
    const known = byId.get(key.id);
    if (known && !known.bytes.equals(bytes)) throw new SecretBoxError(`two encryption keys share the key id ${key.id}; generate a new key`);
    if (known) continue;
    byId.set(key.id, key);
    keys.push(key);
  }
  return { current: keys[0]!, byId, keys };
}

export function seal(ring: Keyring, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.bytes, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v2", ring.current.id, iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function open(ring: Keyring, box: string): string {
  const parts = box.split(":");
  if (parts[0] === "v2" && parts.length === 5) {
    const [, id, iv, tag, data] = parts as [string, string, string, string, string];
    const key = ring.byId.get(id);
    if (!key) throw new SecretBoxError(`secret is sealed with key ${id}, which is neither LATCH_ENCRYPTION_KEY nor in LATCH_ENCRYPTION_KEYS_PREVIOUS`);
    const plain = tryOpen(key, iv, tag, data);
    if (plain === null) throw new SecretBoxError(`secret sealed with key ${id} fails authentication (corrupted or tampered)`);
    return plain;
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv, tag, data] = parts as [string, string, string, string];
    // No key id: GCM authentication tells the right key from a wrong one.
    for (const key of ring.keys) {
      const plain = tryOpen(key, iv, tag, data);
      if (plain !== null) return plain;
    }
    throw new SecretBoxError("no configured encryption key opens this secret (LATCH_ENCRYPTION_KEY, LATCH_ENCRYPTION_KEYS_PREVIOUS)");
  }
  throw new SecretBoxError("unrecognised secret format");
}

/** True when the box is sealed under the current key, i.e. re-encryption would not change it. */
export const isCurrent = (ring: Keyring, box: string) => box.startsWith(`v2:${ring.current.id}:`);

function tryOpen(key: Key, iv: string, tag: string, data: string): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
