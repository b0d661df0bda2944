// Secrets at rest (provider keys, IdP client secrets, alert webhook secrets, unrevealed minted
// keys, idempotent replies): sealed under LATCH_ENCRYPTION_KEY, opened with it or any key in
// LATCH_ENCRYPTION_KEYS_PREVIOUS. Format and key ids: lib/security/keyring.ts; re-encrypting
// stored boxes under a new key: lib/security/reencrypt.ts.
import { env } from "@/lib/env";
import { createKeyring, open, seal } from "@/lib/security/keyring";

export const keyring = createKeyring(env.LATCH_ENCRYPTION_KEY, env.LATCH_ENCRYPTION_KEYS_PREVIOUS);

export const encryptSecret = (plain: string): string => seal(keyring, plain);

export const decryptSecret = (box: string): string => open(keyring, box);

export const lastFour = (secret: string) => secret.slice(-4);
