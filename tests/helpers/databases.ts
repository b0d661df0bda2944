// Test databases live on the real Postgres named by TEST_DATABASE_URL (default: local). Each
// `vitest run` gets its own namespace (latch_t<pid>), so suites run side by side never drop
// each other's databases.
export const NAMESPACE = process.env.LATCH_TEST_DB_NAMESPACE ?? `latch_t${process.pid}`;
export const TEMPLATE_DB = `${NAMESPACE}_template`;
export const WORKER_DB_PREFIX = `${NAMESPACE}_w`;

export function adminUrl(database = "postgres"): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  const host = base.hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  base.pathname = `/${database}`;
  return base.toString();
}

/** Namespaces of earlier runs whose process is gone (crashed or killed before teardown). */
export function isStaleNamespace(name: string): boolean {
  const pid = Number(/^latch_t(\d+)_/.exec(name)?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
