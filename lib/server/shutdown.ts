// Graceful shutdown: stop accepting connections, let in-flight requests finish, then drain the
// usage queue so no accepted request goes unrecorded.
import type http from "node:http";
import { usageQueue } from "@/lib/usage/queue";
import { flushRefusedAttempts } from "@/lib/gateway/refused-attempts";

const DRAIN_TIMEOUT_MS = 25_000;

export function installShutdownHandlers(server: http.Server): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Latch: ${signal} received, draining…`);
    const force = setTimeout(() => process.exit(1), DRAIN_TIMEOUT_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await Promise.all([usageQueue.flush(), flushRefusedAttempts()]);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
