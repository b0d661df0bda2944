// Optional `Server-Timing` on /v1 responses (LATCH_SERVER_TIMING=true): how long each phase of
// Latch's own work took, so a client or a benchmark can tell gateway time from provider time.
// Off by default; when off, a request pays one null check per phase.
import { env } from "@/lib/env";

export type TimingPhase = "auth" | "body" | "policy" | "limits" | "upstream" | "respond";
export type TimingMarks = { phase: TimingPhase; at: number }[];

export const serverTimingEnabled = env.LATCH_SERVER_TIMING;

/** What a new request context starts with: an empty list when enabled, else null. */
export const newTimings = (): TimingMarks | null => (serverTimingEnabled ? [] : null);

/** Closes a phase: its duration runs from the previous mark (or the request's start). */
export function mark(ctx: { timings: TimingMarks | null }, phase: TimingPhase): void {
  ctx.timings?.push({ phase, at: performance.now() });
}

/**
 * `{ "server-timing": "auth;dur=0.031, …, latch;dur=0.2" }` (ms; `latch` = every phase but
 * `upstream`), or {} when off or nothing was marked.
 */
export function serverTimingHeaders(ctx: { timings: TimingMarks | null; startedAt: number }): Record<string, string> {
  const marks = ctx.timings;
  if (!marks?.length) return {};
  const parts: string[] = [];
  let previous = ctx.startedAt;
  let own = 0;
  for (const { phase, at } of marks) {
    const dur = at - previous;
    previous = at;
    if (phase !== "upstream") own += dur;
    parts.push(`${phase};dur=${dur.toFixed(3)}`);
  }
  parts.push(`latch;dur=${own.toFixed(3)}`);
  return { "server-timing": parts.join(", ") };
}
