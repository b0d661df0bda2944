// "This database lacks a table or column Latch uses": migrations have not been deployed to it
// (a new database, or one behind this version). Told apart from other database errors so a
// command can say what to run instead of printing Prisma's raw error. The shapes: Prisma's
// codes for model queries, the driver adapter's error kinds and Postgres' SQLSTATE for raw ones.

// P2021 table does not exist, P2022 column does not exist.
const PRISMA_CODES = new Set(["P2021", "P2022"]);
const ADAPTER_KINDS = new Set(["TableDoesNotExist", "ColumnNotFound"]);
// undefined_table, undefined_column.
const SQLSTATES = new Set(["42P01", "42703"]);

type ErrorLike = { code?: unknown; cause?: unknown; meta?: { table?: unknown; column?: unknown; modelName?: unknown; driverAdapterError?: unknown } };
type AdapterCause = { kind?: unknown; originalCode?: unknown; table?: unknown; column?: unknown };

/** What is missing (a table or column name, or "a table" when the error names none), or null for any other error. */
export function missingFromSchema(err: unknown, depth = 0): string | null {
  if (!err || typeof err !== "object" || depth > 5) return null;
  const e = err as ErrorLike;
  const cause = (e.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause;
  const missing =
    (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SQLSTATES.has(e.code))) ||
    (typeof cause?.kind === "string" && ADAPTER_KINDS.has(cause.kind)) ||
    (typeof cause?.originalCode === "string" && SQLSTATES.has(cause.originalCode));
  if (!missing) return missingFromSchema(e.cause, depth + 1);
  const name = [cause?.table, cause?.column, e.meta?.table, e.meta?.column, e.meta?.modelName].find((n) => typeof n === "string" && n);
  return typeof name === "string" ? name : "a table";
}
