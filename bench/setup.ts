// Everything a run needs before the first request: production builds (Latch's in .next-bench,
// the next-floor app's), a fresh benchmark database with migrations and the bench org/key, and
// free ports. Latch's build is reused when it is newer than every source file it is built from.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import pg from "pg";
import type { Redis } from "ioredis";
import { commandName, parentPid } from "./stats";

export const DIST_DIR = ".next-bench";

export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; quiet?: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${out.slice(-3000)}`))));
  });
}

function newestMtime(root: string, entries: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== "node_modules" && name !== "generated" && !name.startsWith(".")) walk(path.join(p, name));
    } else if (/\.(ts|tsx|js|mjs|css|json|prisma)$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const e of entries) walk(path.join(root, e));
  return newest;
}

const buildIdTime = (dir: string) => {
  try {
    return fs.statSync(path.join(dir, "BUILD_ID")).mtimeMs;
  } catch {
    return 0;
  }
};

/** Builds what is missing (or stale, unless `reuseStale`); returns lines describing what it did. */
export async function ensureBuilds(root: string, reuseStale: boolean, log: (s: string) => void): Promise<string[]> {
  const notes: string[] = [];
  const latchBuilt = buildIdTime(path.join(root, DIST_DIR));
  const sources = newestMtime(root, ["app", "lib", "components", "auth.ts", "proxy.ts", "next.config.ts", "package.json", "postcss.config.mjs"]);
  const nextEnv = { LATCH_NEXT_DIST_DIR: DIST_DIR, LATCH_NEXT_SKIP_TYPECHECK: "1", NEXT_TELEMETRY_DISABLED: "1" };
  if (!latchBuilt || (!reuseStale && sources > latchBuilt)) {
    log(`building Latch (next build → ${DIST_DIR}, ${latchBuilt ? "sources changed" : "no build yet"}) …`);
    const t = Date.now();
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env: nextEnv });
    notes.push(`Latch production build made by this run (${((Date.now() - t) / 1000).toFixed(0)} s)`);
  } else {
    notes.push(
      sources > latchBuilt
        ? "Latch production build reused although sources changed since (--quick / --reuse-build)"
        : "Latch production build reused (newer than its sources)",
    );
  }
  const floorDir = path.join(root, "bench/next-floor");
  if (!buildIdTime(path.join(floorDir, ".next")) || newestMtime(floorDir, ["app", "next.config.mjs"]) > buildIdTime(path.join(floorDir, ".next"))) {
    log("building bench/next-floor …");
    await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build", floorDir], { cwd: root, env: { NEXT_TELEMETRY_DISABLED: "1" } });
  }
  return notes;
}

/**
 * The services on this machine that every Latch target's work also runs on, by process id: Redis
 * (its INFO names it) and Postgres (the postmaster, parent of a backend; its tree holds the
 * backends). A service on another host is left out.
 */
export async function localServices(redis: Redis, databaseUrl: string): Promise<Record<string, number>> {
  const services: Record<string, number> = {};
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1]);
  if (redisPid && commandName(redisPid)?.startsWith("redis")) services.Redis = redisPid;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const postmaster = parentPid(rows[0]!.pid);
    if (commandName(postmaster) === "postgres") services.Postgres = postmaster;
  } finally {
    await client.end();
  }
  return services;
}

/** Drops and recreates the benchmark database (local hosts and latch_bench* names only). */
export async function resetDatabase(url: string): Promise<void> {
  const u = new URL(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(u.hostname)) throw new Error(`Refusing to reset a non-local database (${u.hostname}).`);
  const name = u.pathname.slice(1);
  if (!/^latch_bench\w*$/.test(name)) throw new Error(`Refusing to reset "${name}": bench databases are named latch_bench*.`);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

export { freePort } from "@/e2e/fixtures/free-port";
