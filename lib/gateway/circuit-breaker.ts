// Per-credential circuit breaker (per instance): after repeated failures a credential is tried
// last for a cool-down instead of first, so a failing provider account is not hammered while a
// healthy one serves the model. After the cool-down one request probes it (half-open).
const FAILURE_THRESHOLD = 5;
const COOL_DOWN_MS = 30_000;

type State = { failures: number; openedAt: number | null };
const states = new Map<string, State>();

export function isOpen(credentialId: string, now = Date.now()): boolean {
  const s = states.get(credentialId);
  if (!s?.openedAt) return false;
  if (now - s.openedAt >= COOL_DOWN_MS) {
    s.openedAt = now; // half-open: let this one request probe; the next ones wait another cool-down
    return false;
  }
  return true;
}

export function recordSuccess(credentialId: string): void {
  if (states.has(credentialId)) states.delete(credentialId);
}

export function recordFailure(credentialId: string, now = Date.now()): void {
  const s = states.get(credentialId) ?? { failures: 0, openedAt: null };
  s.failures++;
  if (s.failures >= FAILURE_THRESHOLD) s.openedAt = now;
  states.set(credentialId, s);
}

/** Healthy candidates keep their order; open circuits go last (still tried if nothing else works). */
export function orderByHealth<T extends { credential: { id: string } }>(candidates: readonly T[], now = Date.now()): T[] {
  const healthy: T[] = [];
  const open: T[] = [];
  for (const c of candidates) (isOpen(c.credential.id, now) ? open : healthy).push(c);
  return open.length ? [...healthy, ...open] : [...candidates];
}

export function circuitStates(): Record<string, { failures: number; open: boolean }> {
  return Object.fromEntries([...states].map(([id, s]) => [id, { failures: s.failures, open: s.openedAt !== null }]));
}
