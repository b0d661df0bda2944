// Decrypted provider secrets, kept in process for the hot path (AES-GCM per request is ~3% of a
// proxied request's CPU). Keyed by the sealed box, so a rotated or edited credential (a new box)
// never reads a stale secret; bounded, and dropped wholesale when full. After a re-encryption
// under a new key (lib/security/reencrypt.ts) the rewritten row is a new box, opened afresh.
import { decryptSecret } from "@/lib/security/secret-box";

const MAX_ENTRIES = 1_000;
const opened = new Map<string, string>();

export function openSecret(box: string): string {
  let secret = opened.get(box);
  if (secret === undefined) {
    secret = decryptSecret(box);
    if (opened.size >= MAX_ENTRIES) opened.clear();
    opened.set(box, secret);
  }
  return secret;
}
