// The app as server.ts serves it, without Next: the data plane on the lean node:http path and
// every other route handler under app/ invoked in process with a web Request, on a loopback port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerUnservable, handleGatewayRequest, isGatewayPath } from "@/lib/server/node-http";
import { PEER_ADDRESS_HEADER } from "@/lib/gateway/client-ip";
import { discoverAppRoutes, matchAppRoute } from "./app-routes";
import type { TestGateway } from "./gateway";

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

/** `fastPath: false` sends /v1 data-plane requests through the Next route handler modules too. */
export async function startAppServer({ fastPath = true }: { fastPath?: boolean } = {}): Promise<TestGateway> {
  const routes = discoverAppRoutes();
  const server = http.createServer((req, res) => {
    // As server.ts: methods and targets no route serves are answered before routing.
    if (answerUnservable(req, res)) return;
    void (async () => {
      const url = new URL(req.url ?? "/", "http://latch.internal");
      if (fastPath && isGatewayPath(req.method, url.pathname)) return handleGatewayRequest(req, res);
      const match = matchAppRoute(routes, url.pathname);
      const mod = match ? ((await import(match.route.file)) as Record<string, Handler | undefined>) : null;
      const handler = mod?.[req.method ?? "GET"];
      if (!match || !handler) {
        res.writeHead(match ? 405 : 404, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ error: { message: "Not found", type: "not_found_error", code: "not_found", param: null } }));
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      headers.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? "");
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const response = await handler(new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }), {
        params: Promise.resolve(match.params),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      // Streamed as it comes, as Next does, so route-handler streams can be timed too.
      const reader = response.body.getReader();
      res.on("close", () => void reader.cancel().catch(() => {}));
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
      res.end();
    })().catch((err: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
