// Graceful shutdown: stop accepting connections, let in-flight requests finish, then drain the
// usage queue and the queued settles so no accepted request goes unrecorded or keeps a hold.
// Keep-alive connections are closed as soon as they fall idle (not at their timeout), and requests
// still running when the grace period ends are cut — their sockets closing aborts them, which
// meters them — before the queue is drained.
import type http from "node:http";
import { env } from "@/lib/env";
import { usageQueue } from "@/lib/usage/queue";
import { meteringCounted } from "@/lib/gateway/meter";
import { flushRefusedAttempts } from "@/lib/gateway/refused-attempts";
import { limitBackends } from "@/lib/policy/limit-state";

const IDLE_SWEEP_MS = 100;

export function installShutdownHandlers(server: http.Server): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Latch: ${signal} received, draining…`);
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const drained = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    server.closeIdleConnections();
    let grace: NodeJS.Timeout | undefined;
    const cut = new Promise<boolean>((resolve) => {
      grace = setTimeout(() => {
        server.closeAllConnections();
        resolve(false);
      }, env.LATCH_SHUTDOWN_GRACE_MS);
    });
    const clean = await Promise.race([drained, cut]);
    clearInterval(sweep);
    clearTimeout(grace);
    // Cut requests meter themselves from their close handlers; let those run before draining.
    await new Promise((resolve) => setImmediate(resolve));
    await meteringCounted();
    await Promise.all([limitBackends.primary.ledger.drain(), usageQueue.flush(), flushRefusedAttempts()]).catch(() => {});
    process.exit(clean ? 0 : 1);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
