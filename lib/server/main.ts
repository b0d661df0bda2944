// One server process: the data plane (/v1/chat/completions and friends) answered by the gateway
// core on plain node:http — Next's router costs ~0.6 ms CPU per request, a bare node:http hop
// ~0.05 ms — and everything else (portal, management API, health) by Next. The socket address is
// passed to Next in a header that clients cannot set. Run by server.ts, alone or as a worker.
import cluster from "node:cluster";
import http from "node:http";
import { env } from "@/lib/env";
import { answerUnroutable, answerUnservable, isGatewayPath, handleGatewayRequest, createGatewayServer, requestUrl } from "@/lib/server/node-http";
import { PEER_ADDRESS_HEADER } from "@/lib/gateway/client-ip";
import { installShutdownHandlers } from "@/lib/server/shutdown";
import { withResponseMarks } from "@/lib/server/response-status";
import { withJsonMethodNotAllowed } from "@/lib/server/method-not-allowed";
import { startUsageRetention } from "@/lib/usage/retention";
import { startLostRequestSweep } from "@/lib/policy/lost-requests";

const dev = process.argv.includes("--dev");
const fastPath = env.LATCH_FAST_PATH;
const hostname = env.HOST;

// LATCH_ROLE=gateway: the data plane alone (Next not even imported), for scaling it apart from
// the portal.
const gatewayOnly = env.LATCH_ROLE === "gateway" && !dev;
const app = gatewayOnly ? null : (await import("next")).default({ dev, hostname, port: env.PORT });
const handleWithNext = app?.getRequestHandler();
await app?.prepare();

const server = gatewayOnly
  ? createGatewayServer()
  : http.createServer((req, res) => {
      if (answerUnservable(req, res)) return;
      const url = requestUrl(req);
      if (url === null) return answerUnroutable(req, res, new TypeError("Invalid URL"));
      if (fastPath && isGatewayPath(req.method, url.pathname)) return void handleGatewayRequest(req, res, url);
      req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
      withJsonMethodNotAllowed(req, res, url.pathname);
      // Pages rendered while Postgres is unreachable answer 503 (lib/server/response-status.ts).
      withResponseMarks(req, res, () => void handleWithNext!(req, res));
    });
server.keepAliveTimeout = 65_000;
// Slow-body clients (slowloris) are cut off; streamed responses are not affected by these.
server.headersTimeout = 15_000;
server.requestTimeout = 60_000;
server.listen(env.PORT, hostname, () => {
  console.log(
    `Latch ${dev ? "(dev) " : ""}${cluster.isWorker ? `worker ${process.pid} ` : ""}listening on ${env.APP_URL}  ·  data plane: ${gatewayOnly ? "lean node:http only (LATCH_ROLE=gateway)" : fastPath ? "lean node:http" : "Next route handlers"}`,
  );
  if (env.devSignIn) console.log(`Dev sign-in is on: open ${env.APP_URL}/sign-in and pick a demo user.`);
});
installShutdownHandlers(server);
startUsageRetention();
startLostRequestSweep();
