// Server-sent notification streams (GET /mcp) held by this instance. A stream closes when its
// session ends or its key stops working; tool list changes reach every open stream of the org.
import { onInvalidation } from "@/lib/invalidation";
import { holdOpen } from "@/lib/mcp/gateway/sessions";

const KEEPALIVE_MS = 25_000;
const encoder = new TextEncoder();
type Stream = { orgId: string; sessionId: string; push(chunk: string): void };
const holder = globalThis as unknown as { latchMcpStreams?: Set<Stream> };
const streams = (holder.latchMcpStreams ??= new Set());

export function notificationStream(input: { orgId: string; keyId: string; sessionId: string; signal: AbortSignal }): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const entry: Stream = { orgId: input.orgId, sessionId: input.sessionId, push: (chunk: string) => controller.enqueue(encoder.encode(chunk)) };
      const timer = setInterval(() => entry.push(": keepalive\n\n"), KEEPALIVE_MS);
      timer.unref();
      let closed = false;
      const release = holdOpen({ sessionId: input.sessionId, keyId: input.keyId, close: () => finish() });
      const finish = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      };
      cleanup = () => {
        clearInterval(timer);
        streams.delete(entry);
        release();
      };
      streams.add(entry);
      input.signal.addEventListener("abort", finish, { once: true });
      entry.push(": connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
}

const event = (notification: { method: string; params?: unknown }) => `event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", ...notification })}\n\n`;

/** Sends a notification on every stream this instance holds for the session. */
export function pushToSession(sessionId: string, notification: { method: string; params?: unknown }): void {
  for (const s of streams) if (s.sessionId === sessionId) s.push(event(notification));
}

// An org change may touch tools (stored), prompts or resources (read live): clients list again.
const LIST_CHANGED = ["tools", "prompts", "resources"].map((what) => event({ method: `notifications/${what}/list_changed` })).join("");

onInvalidation((message) => {
  if (message.kind !== "org") return;
  for (const s of streams) if (s.orgId === message.orgId) s.push(LIST_CHANGED);
});
