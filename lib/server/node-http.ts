// Serves the gateway core on plain node:http, without Next: the lean entry for the data plane.
// Proxy requests skip web Request/Response entirely: the core reads headers and body straight
// from the IncomingMessage and its Reply is written to the socket chunk by chunk as it comes.
import cluster from "node:cluster";
import http from "node:http";
import { Readable } from "node:stream";
import { proxyReply } from "@/lib/gateway/proxy";
import type { Reply } from "@/lib/gateway/reply";
import type { ChunkReader, ProxyRequest } from "@/lib/gateway/proxy-request";
import { handleModelsRequest } from "@/lib/gateway/models";
import { handleSelfChildRequest } from "@/lib/gateway/delegate";
import { metricsResponse } from "@/lib/metrics-endpoint";
import { matchDataPlane } from "@/lib/gateway/data-plane-routes";
import { env } from "@/lib/env";
import { methodNotAllowedReply, unknownRouteReply, unroutableReply } from "@/lib/gateway/unknown-route";
import { chunkReader } from "@/lib/gateway/chunk-reader";

/** Whether the lean server answers this request itself (everything else goes to Next). */
export function isGatewayPath(method: string | undefined, pathname: string): boolean {
  return matchDataPlane(method, pathname) !== null || (method === "GET" && pathname === "/metrics");
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

/** The request as the gateway core reads it, served from the IncomingMessage as it arrives. */
function leanRequest(req: http.IncomingMessage, signal: AbortSignal): ProxyRequest {
  const headers = {
    get(name: string): string | null {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
  const body = {
    // A body refused part-way (over the size limit) is cancelled: the rest is read and discarded,
    // so the refusal reaches the client instead of a reset (server.requestTimeout bounds how long).
    getReader: (): ChunkReader => chunkReader(req, async () => void req.resume()),
  };
  return { headers, body, signal };
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

/** The request's URL, or null when its target is not a URL at all (`//foo:bar`). Parsed once per request. */
export function requestUrl(req: http.IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? "/", "http://gateway.internal");
  } catch {
    return null;
  }
}

export const requestPathname = (req: http.IncomingMessage): string | null => requestUrl(req)?.pathname ?? null;
/** Methods some route serves; anything else (TRACE, CONNECT, made-up ones) is refused before routing. */
const SERVED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Answers, before any router sees it, a request no route can serve whatever its path: a method
 * outside SERVED_METHODS (JSON 405) or a target that is neither a path nor an absolute URL
 * (`*`, JSON 400). Returns whether it answered.
 */
export function answerUnservable(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const target = req.url ?? "/";
  if (!SERVED_METHODS.has(req.method ?? "")) {
    const path = target.startsWith("/") ? (requestPathname(req) ?? "/") : "/";
    void writeReply(res, methodNotAllowedReply(req.method ?? "", path, [...SERVED_METHODS].join(", "))).catch(() => res.destroy());
    return true;
  }
  if (!target.startsWith("/") && !/^https?:\/\//i.test(target)) {
    answerUnroutable(req, res, new TypeError("Invalid URL"));
    return true;
  }
  return false;
}

/** Answers a request the router could not even read, or that failed before its reply began. */
export function answerUnroutable(req: http.IncomingMessage, res: http.ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.destroy();
  void writeReply(res, unroutableReply(requestPathname(req) ?? "/", error)).catch(() => res.destroy());
}

// With LATCH_SERVER_TIMING (a debugging aid) and several workers: which process answered.
const WORKER_HEADER = cluster.isWorker && env.LATCH_SERVER_TIMING ? String(process.pid) : null;

export async function handleGatewayRequest(req: http.IncomingMessage, res: http.ServerResponse, parsed?: URL): Promise<void> {
  if (WORKER_HEADER) res.setHeader("x-latch-worker", WORKER_HEADER);
  try {
    await routeGatewayRequest(req, res, parsed);
  } catch (error) {
    answerUnroutable(req, res, error);
  }
}

async function routeGatewayRequest(req: http.IncomingMessage, res: http.ServerResponse, parsed?: URL): Promise<void> {
  const url = parsed ?? new URL(req.url ?? "/", "http://gateway.internal");
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const peer = { address: req.socket.remoteAddress ?? null };
  const match = matchDataPlane(req.method, url.pathname);
  if (match && "methodNotAllowed" in match) return writeReply(res, methodNotAllowedReply(req.method ?? "GET", url.pathname, match.allow));
  const target = match?.target;
  if (target?.kind === "proxy") {
    const resource = target.resourceId === undefined ? undefined : { id: target.resourceId, query: url.search };
    return writeReply(res, await proxyReply(target.endpoint, leanRequest(req, abort.signal), peer, abort, resource));
  }
  const request = toRequest(req, url, abort.signal);
  if (target?.kind === "models") return writeResponse(res, await handleModelsRequest(request, target.modelId, peer));
  if (target?.kind === "delegate") return writeResponse(res, await handleSelfChildRequest(request, peer));
  if (url.pathname === "/metrics") return writeResponse(res, await metricsResponse(request));
  return writeReply(res, unknownRouteReply(req.method ?? "GET", url.pathname));
}

/**
 * A server answering only the data plane, plus GET /api/health for load balancers: the process
 * of `LATCH_ROLE=gateway` (data plane scaled apart from the portal), and of tests.
 */
export function createGatewayServer(): http.Server {
  return http.createServer((req, res) => {
    if (answerUnservable(req, res)) return;
    const url = requestUrl(req);
    if (url === null) return answerUnroutable(req, res, new TypeError("Invalid URL"));
    if (req.method === "GET" && url.pathname === "/api/health") {
      void import("@/lib/health").then(async ({ checkHealth }) => {
        const health = await checkHealth();
        res.writeHead(health.status === "ok" ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
        res.end(JSON.stringify(health));
      });
      return;
    }
    // Unknown paths get the same JSON 404 as from the full app.
    void handleGatewayRequest(req, res, url);
  });
}
