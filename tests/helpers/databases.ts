// Test databases live on the real Postgres named by TEST_DATABASE_URL (default: local).
export const TEMPLATE_DB = "latch_test_template";
export const WORKER_DB_PREFIX = "latch_test_w";

export function adminUrl(database = "postgres"): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const host = base.hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  base.pathname = `/${database}`;
  return base.toString();
}
