// GET /api/health: is this instance able to serve? Database, Redis, migrations, usage backlog.
import { db } from "@/lib/db";
import { databaseTarget } from "@/lib/db/engine";
import { appliedMigrationStatus, type MigrationStatus } from "@/lib/db/migration-status";
import { limitStats } from "@/lib/policy/limit-state";
import { pingRedis, redis } from "@/lib/redis";
import { usageQueue } from "@/lib/usage/queue";

let migrations: { at: number; status: MigrationStatus | null } | null = null;
const MIGRATION_CHECK_TTL_MS = 60_000;

async function cachedMigrationStatus(): Promise<MigrationStatus | null> {
  if (!migrations || Date.now() - migrations.at > MIGRATION_CHECK_TTL_MS) {
    const status = await appliedMigrationStatus().catch(() => null);
    migrations = { at: Date.now(), status };
  }
  return migrations.status;
}

export async function checkHealth() {
  const target = databaseTarget();
  const [database, redisStatus] = await Promise.all([
    db.$queryRaw`SELECT 1`.then(
      () => "ok" as const,
      () => "down" as const,
    ),
    pingRedis(),
  ]);
  const migrationState = database === "ok" ? await cachedMigrationStatus() : null;
  const healthy = database === "ok" && redisStatus !== "down" && migrationState?.upToDate === true;
  return {
    status: healthy ? "ok" : "degraded",
    database: { status: database, mode: target.kind },
    redis: { status: redisStatus, mode: redis.kind },
    limits: { ...limitStats },
    migrations: migrationState ? { upToDate: migrationState.upToDate, pending: migrationState.pending } : { upToDate: false, pending: [] },
    usage: await usageQueue.stats(),
  };
}
