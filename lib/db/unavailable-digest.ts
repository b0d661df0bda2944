/**
 * The digest of the error thrown when Postgres cannot be reached (lib/db/unavailable.ts). In
 * production only an error's digest reaches the browser, so error boundaries recognise it by this.
 */
export const DATABASE_UNAVAILABLE_DIGEST = "LATCH_DATABASE_UNAVAILABLE";
