// Migration status for /api/health without the schema engine: the folders in
// prisma/migrations compared with Prisma's own _prisma_migrations table.
import fs from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";

export type MigrationStatus = { upToDate: boolean; pending: string[] };

export function migrationFolders(): string[] {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export async function appliedMigrationStatus(): Promise<MigrationStatus> {
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  const pending = migrationFolders().filter((name) => !applied.has(name));
  return { upToDate: pending.length === 0, pending };
}
