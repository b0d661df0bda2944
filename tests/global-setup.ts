// Once per `vitest run`: builds a migrated template database that every worker clones, and
// makes sure the real Postgres and Redis the suite talks to are reachable.
import pg from "pg";
import { adminUrl, TEMPLATE_DB, WORKER_DB_PREFIX } from "./helpers/databases";

export default async function setup() {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [TEMPLATE_DB, `${WORKER_DB_PREFIX}%`],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  process.env.DATABASE_URL = adminUrl(TEMPLATE_DB);
  const { deployMigrations } = await import("@/lib/db/migrations");
  await deployMigrations({ kind: "postgres", url: adminUrl(TEMPLATE_DB) });
  const { db } = await import("@/lib/db");
  const { seedPriceCatalog } = await import("@/lib/orgs/seed-demo");
  await seedPriceCatalog();
  await db.$disconnect();
}
