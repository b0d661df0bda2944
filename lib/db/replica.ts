// Reads that tolerate a few seconds of replication lag (usage dashboards, the usage and report
// API, exports) go to DATABASE_REPLICA_URL when it is set: a streaming replica, so long ranges and
// large exports never compete with the writes and the budget checks on the primary. Unset, or in
// embedded mode, it is the primary client itself. Its sessions are read-only
// (default_transaction_read_only), so a write sent through it fails rather than landing there.
// Configuration reads (orgs, keys, budgets) stay on the primary: they must see the latest write.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

export function createReplicaClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: 5, connectionTimeoutMillis: 10_000, options: "-c default_transaction_read_only=on" });
  return new PrismaClient({ adapter });
}

const holder = globalThis as unknown as { latchReadDb?: PrismaClient };

/** The client for lag-tolerant usage reads: the replica when configured, otherwise the primary. */
export const readDb: PrismaClient = env.DATABASE_URL && env.DATABASE_REPLICA_URL ? (holder.latchReadDb ??= createReplicaClient(env.DATABASE_REPLICA_URL)) : db;
