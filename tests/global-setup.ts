// Once per `vitest run`: builds a migrated template database that every worker clones (workers
// inherit this run's namespace through the environment), and drops it all at the end; and
// compiles the server bundle that tests start as production processes.
import pg from "pg";
import { buildServerBundle } from "@/scripts/build-server";
import { adminUrl, isStaleNamespace, NAMESPACE, TEMPLATE_DB, WORKER_DB_PREFIX } from "./helpers/databases";
import { TEST_BUNDLE_DIR, TEST_BUNDLE_ENTRIES } from "./helpers/server-bundle";

async function dropDatabases(filter: (name: string) => boolean) {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'latch\\_t%'`);
    for (const { datname } of rows.filter((r) => filter(r.datname))) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

const ours = (name: string) => name === TEMPLATE_DB || name.startsWith(WORKER_DB_PREFIX);

export default async function setup() {
  process.env.LATCH_TEST_DB_NAMESPACE = NAMESPACE;
  await buildServerBundle(TEST_BUNDLE_ENTRIES, TEST_BUNDLE_DIR);
  await dropDatabases((name) => ours(name) || isStaleNamespace(name));
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();

  process.env.DATABASE_URL = adminUrl(TEMPLATE_DB);
  const { deployMigrations } = await import("@/lib/db/migrations");
  await deployMigrations({ kind: "postgres", url: adminUrl(TEMPLATE_DB) });

  return async () => {
    await dropDatabases(ours);
  };
}
