// Serves the real gateway core on a loopback port (the lean node:http entry), for SDK clients.
import type { AddressInfo } from "node:net";
import { createGatewayServer } from "@/lib/server/node-http";

/** `connections()`: sockets the server holds open now, so a test can wait until it has seen a client go. */
export type TestGateway = { url: string; connections(): Promise<number>; close(): Promise<void> };

export async function startGateway(): Promise<TestGateway> {
  const server = createGatewayServer();
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
