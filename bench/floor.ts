// The `floor` target: the least a Node gateway can do, a node:http server that forwards the
// body with undici and pipes the answer back. /paced/* goes to the paced upstream.
// Usage: node bench/floor.ts (env PORT, UPSTREAM_URL, PACED_UPSTREAM_URL)   (prints "ready")
import http from "node:http";
import { Agent, request } from "undici";

const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
const upstream = process.env.UPSTREAM_URL!;
const paced = process.env.PACED_UPSTREAM_URL!;

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const isPaced = req.url!.startsWith("/paced/");
    const url = (isPaced ? paced : upstream) + (isPaced ? req.url!.slice("/paced".length) : req.url!);
    request(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sk-bench-upstream" },
      body: Buffer.concat(chunks),
      dispatcher,
    }).then(
      ({ statusCode, headers, body }) => {
        res.writeHead(statusCode, { "content-type": String(headers["content-type"] ?? "application/json") });
        body.on("data", (c: Buffer) => res.write(c));
        body.on("end", () => res.end());
        body.on("error", () => res.destroy());
      },
      () => {
        res.writeHead(502);
        res.end();
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
