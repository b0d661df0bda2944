import type { SseEvent } from "./types";

export const SSE_DONE = "data: [DONE]\n\n";

export function sseData(obj: unknown): string {
  return `data: ${JSON.stringify(obj)}\n\n`;
}

export function sseEvent(name: string, obj: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(obj)}\n\n`;
}

const TYPE_RE = /"type"\s*:\s*"([^"\\]+)"/;

/** The event's name, falling back to the payload's top-level `type` (its first "type" key). */
export function sseEventType(ev: SseEvent): string | null {
  if (ev.event) return ev.event;
  return TYPE_RE.exec(ev.data)?.[1] ?? null;
}
