import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/db/engine";

// One client per process; Next's dev server re-evaluates modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { latchDb?: PrismaClient };

export const db: PrismaClient = globalForDb.latchDb ?? new PrismaClient({ adapter: createAdapter() });
globalForDb.latchDb = db;

export { Prisma } from "@/lib/generated/prisma/client";
