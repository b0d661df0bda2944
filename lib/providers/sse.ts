// Server-sent events, both ways: the incremental parser the core reads upstream streams with
// (keeping each event's exact text, `raw`, so adapters can pass events through byte for byte and
// parse only the ones they care about), and the writers adapters build client events with.
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

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = "";

  /** Feeds a chunk of bytes; returns every event completed by it. */
  push(chunk: Uint8Array): SseEvent[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Returns a trailing event that was not terminated by a blank line. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): SseEvent[] {
    if (this.buffer.includes("\r")) this.buffer = this.buffer.replace(/\r\n?/g, "\n");
    const events: SseEvent[] = [];
    let start = 0;
    let boundary: number;
    while ((boundary = this.buffer.indexOf("\n\n", start)) !== -1) {
      const event = parseEvent(this.buffer.slice(start, boundary + 2));
      if (event) events.push(event);
      start = boundary + 2;
    }
    this.buffer = this.buffer.slice(start);
    if (final && this.buffer.trim()) {
      const event = parseEvent(`${this.buffer}\n\n`);
      if (event) events.push(event);
      this.buffer = "";
    }
    return events;
  }
}

function parseEvent(raw: string): SseEvent | null {
  // Nearly every event is one `data:` line: read without splitting it into lines.
  if (raw.startsWith("data:") && raw.indexOf("\n") === raw.length - 2) return { event: null, data: raw.slice(raw.charCodeAt(5) === 32 ? 6 : 5, -2), raw };
  let event: string | null = null;
  const data: string[] = [];
  for (const line of raw.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (event === null && data.length === 0) return null;
  return { event, data: data.join("\n"), raw };
}
