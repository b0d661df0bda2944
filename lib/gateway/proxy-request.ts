// What the gateway core reads of a client's request. A web Request (Next route handlers) is one
// as it is; the lean node:http server serves it straight from the IncomingMessage, without
// copying headers or wrapping the body in a web stream.
import type { ChunkReader } from "@/lib/providers/upstream-reply";

export type { ChunkReader } from "@/lib/providers/upstream-reply";
export type HeaderReader = { get(name: string): string | null };

export interface ProxyRequest {
  readonly headers: HeaderReader;
  readonly body: { getReader(): ChunkReader } | null;
  /** Aborts when the client goes away (the lean server passes its own controller instead). */
  readonly signal?: AbortSignal;
}
