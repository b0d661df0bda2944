// What the gateway reads of a provider's answer. A web Response is one as it is (adapters that
// answer in process return one); the undici client wraps its answer in one without building
// web streams (lib/gateway/upstream-http.ts).

/** A body read chunk by chunk, as a web ReadableStream's default reader does. */
export type ChunkReader = {
  read(): Promise<{ done: true; value?: Uint8Array } | { done: false; value: Uint8Array }>;
  cancel(): Promise<void>;
};

export interface UpstreamReply {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  readonly body: { getReader(): ChunkReader; cancel(): Promise<void> } | null;
  json(): Promise<unknown>;
  text(): Promise<string>;
}
