// A second Latch instance in its own process (for multi-instance, crash and outage tests).
// Prints "listening <port>" once ready.
import type { AddressInfo } from "node:net";
import { createGatewayServer } from "@/lib/server/node-http";
import { installShutdownHandlers } from "@/lib/server/shutdown";
import { startLostRequestSweep } from "@/lib/policy/lost-requests";

const server = createGatewayServer();
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
installShutdownHandlers(server);
startLostRequestSweep();
