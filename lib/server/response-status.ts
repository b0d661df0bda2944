// A server component cannot choose its response's status. One case needs it: a page rendered
// while Postgres is unreachable must answer 503 (retry later), not 200 or 500. server.ts runs
// every request it hands to Next inside this context; the page marks it (lib/db/unavailable.ts)
// and the status is swapped as the response head is written.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";

type Marks = { databaseUnavailable: boolean };

// One store per process: server.ts and Next's server bundles each load their own copy of this module.
const holder = globalThis as unknown as { latchResponseMarks?: AsyncLocalStorage<Marks> };
const marks = (holder.latchResponseMarks ??= new AsyncLocalStorage<Marks>());

/** Seconds a client is told to wait before retrying a page during an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

export function markDatabaseUnavailable(): void {
  const current = marks.getStore();
  if (current) current.databaseUnavailable = true;
}

/** Page loads only (GET/HEAD): a server action's reply must stay in the shape Next's client expects. */
export function withResponseMarks(req: http.IncomingMessage, res: http.ServerResponse, handle: () => unknown): void {
  const current: Marks = { databaseUnavailable: false };
  if (req.method === "GET" || req.method === "HEAD") {
    const writeHead = res.writeHead;
    res.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
      if (current.databaseUnavailable && (statusCode < 300 || statusCode === 500)) {
        statusCode = 503;
        if (typeof rest[0] === "string") rest[0] = http.STATUS_CODES[503];
        else this.statusMessage = http.STATUS_CODES[503]!;
        this.setHeader("retry-after", String(OUTAGE_RETRY_AFTER_SECONDS));
        this.setHeader("cache-control", "no-store");
      }
      return (writeHead as (...args: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
    } as typeof res.writeHead;
  }
  marks.run(current, handle);
}
