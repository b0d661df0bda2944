// Builds the Prisma driver adapter for the configured database: PostgreSQL when DATABASE_URL
// is set, otherwise an embedded PGlite stored under LATCH_DATA_DIR. PGlite is imported only in
// embedded mode: loading it costs ~47 MB of resident memory that a Postgres-backed instance
// would carry for nothing.
import path from "node:path";
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { PGlite } from "@electric-sql/pglite";
import { env } from "@/lib/env";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };

export function databaseTarget(): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "embedded", dir: path.resolve(env.LATCH_DATA_DIR, "pglite") };
}

// One PGlite per process (a data dir may be opened by one process only), shared by every
// bundle that imports this module.
const holder = globalThis as unknown as { latchPglite?: Promise<PGlite> };

export function embeddedDatabase(dir: string): Promise<PGlite> {
  holder.latchPglite ??= import("@electric-sql/pglite").then(({ PGlite }) => {
    fs.mkdirSync(dir, { recursive: true });
    return new PGlite(dir);
  });
  return holder.latchPglite;
}

export async function closeEmbeddedDatabase(): Promise<void> {
  const pglite = holder.latchPglite;
  holder.latchPglite = undefined;
  await (await pglite)?.close();
}

/** The embedded adapter, loaded on first connection (Prisma connects lazily). */
export async function embeddedAdapterFactory(dir: string) {
  const [{ PrismaPGlite }, pglite] = await Promise.all([import("pglite-prisma-adapter"), embeddedDatabase(dir)]);
  return new PrismaPGlite(pglite);
}

export function createAdapter(target: DatabaseTarget = databaseTarget()): SqlDriverAdapterFactory {
  // A database that drops packets silently must fail like one that refuses: portal pages then
  // show the outage page instead of hanging (the data plane does not wait on Postgres once warm).
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url, max: 10, connectionTimeoutMillis: 10_000 });
  return {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => (await embeddedAdapterFactory(target.dir)).connect(),
  };
}
