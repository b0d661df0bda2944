// "Postgres cannot be reached" told apart from every other database error, so the portal can
// answer with its outage page (503) instead of a generic failure. The shapes differ by where the
// connection failed: Prisma's codes, the driver adapter's error kinds, node-postgres' own errors
// and socket errors.
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/unavailable-digest";
import { markDatabaseUnavailable } from "@/lib/server/response-status";

export { DATABASE_UNAVAILABLE_DIGEST };

export class DatabaseUnavailableError extends Error {
  /** Carried to the browser (the message never is, in production). */
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(options?: { cause?: unknown }) {
    super("The database cannot be reached.", options);
    this.name = "DatabaseUnavailableError";
  }
}

// P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the
// connection, P2024 timed out waiting for a pooled connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
// SQLSTATE class 08 (connection exception); 57P01-57P03: shutting down, crashed, starting up.
const SQLSTATE = /^(08\w{3}|57P0[123])$/;
const PG_MESSAGES = /Connection terminated|Can't reach database server|timeout exceeded when trying to connect|Client has encountered a connection error/i;

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  if (err instanceof DatabaseUnavailableError) return true;
  const e = err as ErrorLike;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  const adapter = e.meta?.driverAdapterError as { cause?: { kind?: unknown; originalCode?: unknown } } | undefined;
  const kind = adapter?.cause?.kind;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  const original = adapter?.cause?.originalCode;
  if (typeof original === "string" && SQLSTATE.test(original)) return true;
  if (typeof e.message === "string" && PG_MESSAGES.test(e.message)) return true;
  // AggregateError (a host with several addresses) and wrapped causes.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Runs a page's database read. An unreachable database becomes a DatabaseUnavailableError and
 * marks the response 503 (lib/server/response-status.ts).
 */
export async function orUnavailable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!isDatabaseUnavailable(err)) throw err;
    markDatabaseUnavailable();
    throw err instanceof DatabaseUnavailableError ? err : new DatabaseUnavailableError({ cause: err });
  }
}
