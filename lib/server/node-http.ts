// Serves the gateway core on plain node:http, without Next: the lean entry for the data plane.
// Proxy requests skip web Request/Response entirely: the core reads headers and body straight
// from the IncomingMessage and its Reply is written to the socket chunk by chunk as it comes.
import http from "node:http";
import { Readable } from "node:stream";
import { proxyReply } from "@/lib/gateway/proxy";
import type { Reply } from "@/lib/gateway/reply";
import { handleModelsRequest } from "@/lib/gateway/models";
import { metricsResponse } from "@/lib/metrics-endpoint";
import type { Endpoint } from "@/lib/providers/types";

const POST_ROUTES: Record<string, Endpoint> = {
  "/v1/chat/completions": "chat.completions",
  "/v1/responses": "responses",
  "/v1/embeddings": "embeddings",
  "/v1/completions": "completions",
  "/v1/messages": "messages",
};

/** Whether the lean server answers this request itself (everything else goes to Next). */
export function isGatewayPath(method: string | undefined, pathname: string): boolean {
  if (method === "POST") return pathname in POST_ROUTES;
  return method === "GET" && (pathname === "/v1/models" || pathname.startsWith("/v1/models/") || pathname === "/metrics");
}

function toRequest(req: http.IncomingMessage, url: URL, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // @ts-expect-error Node's Request needs `duplex` for a streamed body; the DOM types lack it.
    duplex: "half",
  });
}

/**
 * The part of a web Request the gateway core reads (headers.get, body.getReader, signal), served
 * from the IncomingMessage without copying headers or wrapping the body in a web stream.
 */
function leanRequest(req: http.IncomingMessage, signal: AbortSignal): Request {
  const headers = {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
  const body = {
    getReader() {
      const chunks = req[Symbol.asyncIterator]();
      return {
        async read(): Promise<{ done: boolean; value?: Uint8Array }> {
          const next = await chunks.next();
          return next.done ? { done: true } : { done: false, value: next.value as Uint8Array };
        },
        async cancel() {
          req.destroy();
        },
      };
    },
  };
  return { method: req.method, headers, body, signal } as unknown as Request;
}

async function writeReply(res: http.ServerResponse, reply: Reply): Promise<void> {
  const { body } = reply;
  if (typeof body === "string") {
    res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(body)) });
    res.end(body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  res.flushHeaders();
  let ended = false;
  res.on("close", () => {
    if (!ended) body.cancel();
  });
  try {
    for (;;) {
      const { chunk, done } = await body.pull();
      if (res.destroyed) break;
      if (chunk && !res.write(chunk)) await new Promise((resolve) => (res.once("drain", resolve), res.once("close", resolve)));
      if (done) break;
    }
  } finally {
    ended = true;
    res.end();
  }
}

async function writeResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) return void res.end();
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on("close", () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve));
    }
  } finally {
    res.end();
  }
}

export async function handleGatewayRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://gateway.internal");
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const peer = { address: req.socket.remoteAddress ?? null };
  const endpoint = req.method === "POST" ? POST_ROUTES[url.pathname] : undefined;
  if (endpoint) return writeReply(res, await proxyReply(endpoint, leanRequest(req, abort.signal), peer, abort));
  const request = toRequest(req, url, abort.signal);
  const response = url.pathname === "/metrics"
      ? await metricsResponse(request)
      : await handleModelsRequest(request, url.pathname === "/v1/models" ? null : decodeURIComponent(url.pathname.slice("/v1/models/".length)), peer);
  await writeResponse(res, response);
}

/**
 * A server answering only the data plane, plus GET /api/health for load balancers: the process
 * of `LATCH_ROLE=gateway` (data plane scaled apart from the portal), and of tests.
 */
export function createGatewayServer(): http.Server {
  return http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://gateway.internal");
    if (req.method === "GET" && pathname === "/api/health") {
      void import("@/lib/health").then(async ({ checkHealth }) => {
        const health = await checkHealth();
        res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(JSON.stringify(health));
      });
      return;
    }
    if (!isGatewayPath(req.method, pathname)) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Not found", type: "not_found_error", code: "not_found", param: null } }));
      return;
    }
    void handleGatewayRequest(req, res);
  });
}
