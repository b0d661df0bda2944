// Builds the Prisma driver adapter for the configured database: PostgreSQL when DATABASE_URL
// is set, otherwise an embedded PGlite stored under LATCH_DATA_DIR.
import path from "node:path";
import fs from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };

export function databaseTarget(): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "embedded", dir: path.resolve(env.LATCH_DATA_DIR, "pglite") };
}

// One PGlite per process (a data dir may be opened by one process only), shared by every
// bundle that imports this module.
const holder = globalThis as unknown as { latchPglite?: PGlite };

export function embeddedDatabase(dir: string): PGlite {
  if (!holder.latchPglite) {
    fs.mkdirSync(dir, { recursive: true });
    holder.latchPglite = new PGlite(dir);
  }
  return holder.latchPglite;
}

export async function closeEmbeddedDatabase(): Promise<void> {
  await holder.latchPglite?.close();
  holder.latchPglite = undefined;
}

export function createAdapter(target: DatabaseTarget = databaseTarget()) {
  if (target.kind === "postgres") return new PrismaPg({ connectionString: target.url, max: 10 });
  return new PrismaPGlite(embeddedDatabase(target.dir));
}
