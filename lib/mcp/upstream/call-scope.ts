// Which client request an upstream message belongs to. Latch shares one upstream session per
// server among all its clients, so a log notification the upstream sends on a call's response
// stream carries no client id; the stream is read inside the call's async context, though, so
// the context set around the upstream request tells whose call it is. Sessions are opened
// outside any call, so the upstream's standalone stream never inherits one.
import { AsyncLocalStorage } from "node:async_hooks";
import type { LoggingMessageNotification } from "@modelcontextprotocol/sdk/types.js";

export type UpstreamCallScope = {
  /** Relays a log message the upstream sent while serving this request. */
  onLog?(params: LoggingMessageNotification["params"]): void;
  /** Passes a request the upstream sent while serving this request (sampling, elicitation) to the client. */
  askClient?(method: "sampling/createMessage" | "elicitation/create", params: unknown, signal: AbortSignal): Promise<unknown>;
};

const storage = new AsyncLocalStorage<UpstreamCallScope>();

export const withCallScope = <T>(scope: UpstreamCallScope, run: () => Promise<T>): Promise<T> => storage.run(scope, run);

export const outsideCallScope = <T>(run: () => T): T => storage.exit(run);

export const currentCallScope = (): UpstreamCallScope | undefined => storage.getStore();
