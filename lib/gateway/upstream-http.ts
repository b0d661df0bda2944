// Sends a provider request with undici's `request` (not `fetch`): no web Request/Response or web
// streams per call, which is most of fetch's cost. The answer is an UpstreamReply, the part of a
// Response the core reads, so adapters that answer in process can keep returning a real Response.
import { request, type Dispatcher } from "undici";
import type { UpstreamRequest } from "@/lib/providers/types";
import type { ChunkReader, UpstreamReply } from "@/lib/providers/upstream-reply";
import { chunkReader } from "@/lib/gateway/chunk-reader";

type Body = Dispatcher.ResponseData["body"];

class UpstreamResponse implements UpstreamReply {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  readonly body: { getReader(): ChunkReader; cancel(): Promise<void> };

  constructor(
    statusCode: number,
    rawHeaders: Dispatcher.ResponseData["headers"],
    private readonly raw: Body,
  ) {
    this.status = statusCode;
    this.ok = statusCode >= 200 && statusCode < 300;
    this.headers = {
      get(name) {
        const value = rawHeaders[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      forEach(callback) {
        for (const [name, value] of Object.entries(rawHeaders)) if (value !== undefined) callback(Array.isArray(value) ? value.join(", ") : value, name);
      },
    };
    // destroy() without an error still emits undici's RequestAbortedError: expected, so swallowed.
    const cancel = async () => void raw.on("error", () => {}).destroy();
    this.body = { getReader: (): ChunkReader => chunkReader(raw, cancel), cancel };
  }

  json(): Promise<unknown> {
    return this.raw.json();
  }

  text(): Promise<string> {
    return this.raw.text();
  }
}

/** Like `fetch(url, init)`: connection failures reject with a TypeError whose `cause` is undici's error. */
export async function sendUpstream(req: UpstreamRequest, signal: AbortSignal | undefined, dispatcher: Dispatcher): Promise<UpstreamReply> {
  let res: Dispatcher.ResponseData;
  try {
    res = await request(req.url, { method: req.method, headers: req.headers, body: req.body, signal, dispatcher });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new TypeError("fetch failed", { cause: err });
  }
  return new UpstreamResponse(res.statusCode, res.headers, res.body);
}
