// AWS event-stream framing (application/vnd.amazon.eventstream) → SseEvents, so the core's
// stream pump and our transformer see Bedrock's stream like any other. Messages are length
// prefixed; the official codec checks their CRCs and parses their headers.
import { EventStreamCodec, type Message } from "@smithy/core/event-streams";
import type { SseEvent, StreamDecoder } from "../types";

export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** Far above any real event; a larger length prefix is corruption, not a reason to buffer on. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();
export const eventStreamCodec = new EventStreamCodec(
  (bytes) => utf8Decoder.decode(bytes),
  (text) => utf8Encoder.encode(text),
);

/** A message's name: its `:event-type`, or for failures its `:exception-type` (or "error"). */
function eventName(message: Message): string {
  const header = (name: string) => {
    const h = message.headers[name];
    return h?.type === "string" ? h.value : null;
  };
  const kind = header(":message-type");
  if (kind === "exception") return header(":exception-type") ?? "error";
  if (kind === "error") return "error";
  return header(":event-type") ?? "unknown";
}

function toEvent(message: Message): SseEvent {
  const name = eventName(message);
  let data = utf8Decoder.decode(message.body);
  // Protocol-level errors carry their text in headers, not the body.
  const errorMessage = message.headers[":error-message"];
  if (name === "error" && errorMessage?.type === "string") data = JSON.stringify({ message: errorMessage.value });
  // `raw` is the same event re-framed as SSE: what it would have been on an SSE provider.
  return { event: name, data, raw: `event: ${name}\ndata: ${data}\n\n` };
}

export class EventStreamDecoder implements StreamDecoder {
  private buffer = new Uint8Array(0);

  push(chunk: Uint8Array): SseEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const events: SseEvent[] = [];
    let offset = 0;
    // Each message starts with its total length (4 bytes, big-endian), prelude and CRCs included.
    while (joined.length - offset >= 4) {
      const total = new DataView(joined.buffer, joined.byteOffset + offset, 4).getUint32(0, false);
      if (total < 16 || total > MAX_MESSAGE_BYTES) throw new Error(`Invalid event-stream message length ${total}`);
      if (joined.length - offset < total) break;
      events.push(toEvent(eventStreamCodec.decode(joined.subarray(offset, offset + total))));
      offset += total;
    }
    this.buffer = joined.slice(offset);
    return events;
  }

  end(): SseEvent[] {
    if (this.buffer.length > 0) throw new Error("Bedrock event stream ended mid-message");
    return [];
  }
}

/** Encodes one event the way Bedrock does (used by tests and the fake Bedrock). */
export function encodeEvent(eventType: string, payload: unknown, messageType: "event" | "exception" = "event"): Uint8Array {
  const typeHeader = messageType === "event" ? ":event-type" : ":exception-type";
  return eventStreamCodec.encode({
    headers: {
      [typeHeader]: { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: messageType },
    },
    body: utf8Encoder.encode(JSON.stringify(payload)),
  });
}
