// Serves the next-floor app the way server.ts serves Latch: node:http → Next's request handler.
// Usage: node bench/next-floor/server.mjs (env PORT, UPSTREAM_URL, PACED_UPSTREAM_URL)
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3999);
const app = next({ dev: false, dir: import.meta.dirname, hostname: "127.0.0.1", port });
const handle = app.getRequestHandler();
await app.prepare();
const server = http.createServer((req, res) => void handle(req, res));
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log("ready"));
