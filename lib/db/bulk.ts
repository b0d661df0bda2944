// Large single-statement writes (the usage batches) sent through `pg` directly. Prisma 7's query
// compiler runs in WASM and handles every parameter there: for a usage batch (one JSON parameter
// of ~100 KB) that is ~3 ms of CPU per call against ~0.7 ms through `pg`, on the serving process.
// Same database and credentials; embedded mode keeps Prisma (one PGlite per process).
import pg from "pg";
import { db } from "@/lib/db";
import { databaseTarget } from "@/lib/db/engine";

const holder = globalThis as unknown as { latchBulkPool?: pg.Pool };

function pool(url: string): pg.Pool {
  if (!holder.latchBulkPool) {
    // Two connections: the usage writer runs one batch at a time; the second covers a flush.
    holder.latchBulkPool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true, connectionTimeoutMillis: 5_000 });
    holder.latchBulkPool.on("error", () => {}); // a dropped idle connection is replaced on next use
  }
  return holder.latchBulkPool;
}

export async function executeBulk(sql: string, params: unknown[]): Promise<void> {
  const target = databaseTarget();
  if (target.kind !== "postgres") {
    await db.$executeRawUnsafe(sql, ...params);
    return;
  }
  await pool(target.url).query(sql, params);
}
