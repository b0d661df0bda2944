// A provider's "wait before retrying" hint, read the way the official SDKs read it:
// `retry-after-ms` (milliseconds) first, then `retry-after` (seconds, or an HTTP date).

/** Latch retries on its own only when the provider asks for at most this long; longer waits go to the client. */
export const MAX_HONOURED_RETRY_DELAY_MS = 2_000;

export function retryDelayMs(headers: { get(name: string): string | null }, now = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers.get("retry-after");
  if (!after) return null;
  const seconds = Number.parseFloat(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
