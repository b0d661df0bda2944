// A Node Readable read chunk by chunk, as a web stream's reader is, on its 'data' events: a
// Readable's async iterator costs several promises and closures per chunk, this one at most one.
// Chunks that arrive between reads wait here, joined into one; past HIGH_WATER bytes the stream is
// paused until they are read (back-pressure holds without pausing and resuming on every chunk).
import type { Readable } from "node:stream";
import type { ChunkReader } from "@/lib/providers/upstream-reply";

type Result = { done: true } | { done: false; value: Uint8Array };

const HIGH_WATER = 64 * 1024;

export function chunkReader(stream: Readable, cancel: () => Promise<void>): ChunkReader {
  const queued: Uint8Array[] = [];
  let queuedBytes = 0;
  let paused = false;
  let ended = false;
  let failure: unknown = null;
  let cancelled = false;
  let waiting: { resolve: (r: Result) => void; reject: (e: unknown) => void } | null = null;

  const wake = () => {
    const w = waiting;
    if (!w) return;
    waiting = null;
    if (failure !== null) w.reject(failure);
    else w.resolve({ done: true });
  };
  stream.on("data", (chunk: Uint8Array) => {
    if (cancelled) return; // what still arrives is discarded
    const w = waiting;
    if (w) {
      waiting = null;
      return w.resolve({ done: false, value: chunk });
    }
    queued.push(chunk);
    queuedBytes += chunk.byteLength;
    if (queuedBytes >= HIGH_WATER && !paused) {
      paused = true;
      stream.pause();
    }
  });
  stream.on("end", () => {
    ended = true;
    wake();
  });
  stream.on("error", (error) => {
    failure = error;
    wake();
  });
  stream.on("close", () => {
    // Destroyed without 'end' or 'error' (e.g. the socket closed): no more data will come.
    if (!ended && failure === null) failure = new Error("the stream closed before its end");
    wake();
  });

  return {
    read(): Promise<Result> {
      if (queued.length) {
        const value = queued.length === 1 ? queued[0]! : Buffer.concat(queued);
        queued.length = 0;
        queuedBytes = 0;
        if (paused) {
          paused = false;
          stream.resume();
        }
        return Promise.resolve({ done: false, value });
      }
      if (ended) return Promise.resolve({ done: true });
      if (failure !== null) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    cancel() {
      cancelled = true;
      queued.length = 0;
      return cancel();
    },
  };
}
