// What kind of database failure an error is, read from its SQLSTATE wherever the driver put it:
// `pg` errors carry it as `code`, Prisma's as `meta.driverAdapterError.cause.originalCode`.
/** Classes that mean "this data cannot be stored", whatever the retry: data exception, integrity, program limit. */
const DATA_ERROR_CLASSES = new Set(["22", "23", "54"]);
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Prisma's own codes (P1000–P6999) look like SQLSTATEs; Postgres' P0xxx class stays one. */
const PRISMA_CODE = /^P[1-9]\d{3}$/;

type Carrier = { code?: unknown; originalCode?: unknown; meta?: { code?: unknown; driverAdapterError?: { cause?: unknown } }; cause?: unknown };

export function sqlStateOf(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 4) return null;
  const e = error as Carrier;
  for (const candidate of [e.originalCode, e.code, e.meta?.code])
    if (typeof candidate === "string" && SQLSTATE.test(candidate) && !PRISMA_CODE.test(candidate)) return candidate;
  return sqlStateOf(e.meta?.driverAdapterError?.cause, depth + 1) ?? sqlStateOf(e.cause, depth + 1);
}

/** The database refused the values themselves (a NUL byte, an integer out of range, a row over an index limit). */
export function isDataError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== null && DATA_ERROR_CLASSES.has(state.slice(0, 2));
}
