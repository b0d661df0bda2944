import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/engine";
import { env } from "@/lib/env";

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { latchDb?: PrismaClient };

export const db: PrismaClient =
  globalForDb.latchDb ?? new PrismaClient({ adapter: createAdapter(), transactionOptions: { maxWait: env.LATCH_DB_TRANSACTION_WAIT_MS } });
globalForDb.latchDb = db;

export { Prisma } from "@/lib/generated/prisma/client";
