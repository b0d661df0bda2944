// Random bearer secrets (virtual keys, management tokens). They carry >= 192 bits of entropy,
// so a plain SHA-256 is a safe lookup hash: no salt or slow hash is needed, and lookup stays O(1).
import { hash, randomBytes } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BODY_LENGTH = 40; // 40 base62 chars ≈ 238 bits

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    // Rejection sampling keeps the alphabet uniform (248 = 4 * 62).
    for (const byte of randomBytes(length)) if (byte < 248 && out.length < length) out += BASE62[byte % 62];
  }
  return out;
}

export const VIRTUAL_KEY_PREFIX = "sk-latch-";
export const MANAGEMENT_TOKEN_PREFIX = "latch_mt_";

export function generateSecret(prefix: string): { secret: string; hash: string; displayPrefix: string } {
  const secret = prefix + randomBase62(BODY_LENGTH);
  return { secret, hash: hashSecret(secret), displayPrefix: secret.slice(0, prefix.length + 4) };
}

/** Runs once per proxied request: the one-shot `hash` is ~3x cheaper than createHash().update().digest(). */
export function hashSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}
