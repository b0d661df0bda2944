// Prisma migrations without the Prisma CLI: the CLI downloads a native schema engine at start,
// which fails offline. The same engine ships as WASM on npm; this drives it through driver
// adapters. Output (prisma/migrations/*/migration.sql and the _prisma_migrations table) is
// exactly Prisma's, so `prisma migrate deploy` works on the same folder and database.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as wasm from "@prisma/schema-engine-wasm/schema_engine_bg";
import { embeddedAdapterFactory, type DatabaseTarget } from "@/lib/db/engine";

const ROOT = process.cwd();
const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const filters = { externalTables: [], externalEnums: [] };

// adapter-pg rejects catalog columns of type "char" (oid 18) that the schema describer reads.
type FieldList = { dataTypeID: number }[];
const resultProto = pg.Result.prototype as unknown as { addFields(this: unknown, fields: FieldList): void };
const addFields = resultProto.addFields;
resultProto.addFields = function (fields) {
  for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
  return addFields.call(this, fields);
};

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg runs a migration script by splitting it on ";", which breaks function bodies
 * (triggers). Postgres accepts a whole multi-statement script in one simple query instead.
 */
function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  return adapter;
}

/** PrismaPg whose shadow database really is a separate, cleaned-up database. */
class PrismaPgWithShadow extends PrismaPg {
  private readonly opened: { dispose(): Promise<void> }[] = [];
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg);
  }
  override async connect() {
    const adapter = runScriptsWhole(await super.connect());
    this.opened.push(adapter);
    return adapter;
  }
  /** The engine never closes its pools; without this the database stays "in use". */
  async disposeAll() {
    await Promise.allSettled(this.opened.splice(0).map((a) => a.dispose()));
  }
  override async connectToShadowDb() {
    const main = await this.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...this.cfg, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || "postgres"),
    password: decodeURIComponent(u.password) || undefined,
    database: u.pathname.slice(1) || "postgres",
    max: 2,
  };
}

let wasmReady = false;
function loadWasm() {
  if (wasmReady) return;
  const dir = path.dirname(createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": wasm as unknown as WebAssembly.ModuleImports });
  wasm.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  wasmReady = true;
}

async function openEngine(target: DatabaseTarget) {
  loadWasm();
  const factory = target.kind === "postgres" ? new PrismaPgWithShadow(poolConfig(target.url)) : await embeddedAdapterFactory(target.dir);
  const datamodels: [string, string][] = [[SCHEMA_PATH, fs.readFileSync(SCHEMA_PATH, "utf8")]];
  const engine = await wasm.SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    async close() {
      engine.free();
      if (factory instanceof PrismaPgWithShadow) await factory.disposeAll();
    },
  };
}

/** The migration folders in order; `through` stops at that one (a database as an older release left it). */
function migrationsList(through?: string) {
  const dirs = fs.existsSync(MIGRATIONS_DIR)
    ? fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
        .filter((name) => through === undefined || name <= through)
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies pending migrations (up to `opts.through` when given); returns the names applied. Idempotent. */
export async function deployMigrations(target: DatabaseTarget, opts: { through?: string } = {}): Promise<string[]> {
  const { engine, close } = await openEngine(target);
  try {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(opts.through), filters });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

export type MigrationStatus = { upToDate: boolean; pending: string[]; diagnostic: string };

export async function migrationStatus(target: DatabaseTarget): Promise<MigrationStatus> {
  const { engine, close } = await openEngine(target);
  try {
    const out = await engine.diagnoseMigrationHistory({ migrationsList: migrationsList(), optInToShadowDatabase: false, filters });
    const history = out.history as { diagnostic: string; unappliedMigrationNames?: string[] } | null;
    const pending = history?.unappliedMigrationNames ?? [];
    return { upToDate: history === null, pending, diagnostic: history?.diagnostic ?? "upToDate" };
  } finally {
    await close();
  }
}

/** "migrate dev": writes a new migration folder when the schema differs from the migrations. */
export async function createMigration(target: DatabaseTarget, name: string): Promise<string | null> {
  const { engine, close } = await openEngine(target);
  try {
    const files = [{ path: SCHEMA_PATH, content: fs.readFileSync(SCHEMA_PATH, "utf8") }];
    const list = migrationsList();
    const from = list.migrationDirectories.length ? { tag: "migrations" as const, ...list } : { tag: "empty" as const };
    const result = await engine.diff({ from, to: { tag: "schemaDatamodel", files }, script: true, exitCode: true, filters });
    if (result.exitCode !== 2 || !result.stdout) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = `${stamp}_${name.replace(/\W+/g, "_")}`;
    fs.mkdirSync(path.join(MIGRATIONS_DIR, folder), { recursive: true });
    const sql = result.stdout;
    fs.writeFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), sql);
    fs.writeFileSync(
      path.join(MIGRATIONS_DIR, "migration_lock.toml"),
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    return folder;
  } finally {
    await close();
  }
}
