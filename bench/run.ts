// `npm run bench` — one run measures every target against the same fake upstream, cell by cell,
// rounds interleaving the targets (A B C … A B C …), and writes bench/results/*.md|json.
//   --quick            one short round over the key cells (< 1 min with builds in place)
//   --rounds=N         rounds (default 3)
//   --targets=a,b      subset of targets (direct is always included)
//   --cells=id,id      subset of cells, e.g. "json c1,stream c1"
//   --rebuild          rebuild Latch even in --quick mode when sources changed
//   --reuse-build      use the existing .next-bench even if sources changed (the fast path always
//                      runs from source; only latch-routes serves the build)
//   --profile          run the Latch targets under node --cpu-prof and print their top frames
//   --instructions[=N] instead of the cells: instructions per request under callgrind, N requests
//                      per workload (default 200; bench/instructions.ts), after
//   --instructions-warmup=W uninstrumented warm requests (default 10,000)
// BENCH_LATCH_NODE_ARGS adds node flags to the Latch processes (e.g. "--max-semi-space-size=8").
// Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL; local defaults) and taskset.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { Redis } from "ioredis";
import { measure } from "./driver";
import { cpuMicros, machineBusyMicros, median, memoryMb, percentile, sortedCopy, waitQuiet } from "./stats";
import { buildRows, checkTargets, machineShares, renderMarkdown, serverTimingSummary, type Accumulated, type Cell, type MemoryTrack } from "./report";
import { GATEWAY_NICE, OPTIONAL_TARGETS, startTarget, TARGET_NAMES, TARGET_NOTES, type Target, type TargetName } from "./targets";
import { DIST_DIR, ensureBuilds, freePort, localServices, resetDatabase, run } from "./setup";
import { summarise } from "./profile";
import { callgrindWrapper, countInstructions, renderInstructions, type InstructionRow } from "./instructions";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag("quick");
const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

const ALL_CELLS: Cell[] = [
  ...(["json", "stream"] as const).flatMap((workload) => [
    { id: `${workload} c1`, workload, load: { kind: "closed" as const, concurrency: 1 } },
    { id: `${workload} c16`, workload, load: { kind: "closed" as const, concurrency: 16 } },
    { id: `${workload} c64`, workload, load: { kind: "closed" as const, concurrency: 64 } },
    { id: `${workload} open200`, workload, load: { kind: "open" as const, rate: 200 } },
    { id: `${workload} open1000`, workload, load: { kind: "open" as const, rate: 1000 } },
  ]),
  { id: "paced c16", workload: "paced", load: { kind: "closed", concurrency: 16 } },
];
const QUICK_CELLS = ["json c1", "json c64", "json open1000", "stream c1", "stream c64", "paced c16"];

const cellFilter = option("cells")
  ?.split(",")
  .map((s) => s.trim());
const cells = ALL_CELLS.filter((c) => (cellFilter ? cellFilter.includes(c.id) : !quick || QUICK_CELLS.includes(c.id)));
const targetFilter = option("targets")
  ?.split(",")
  .map((s) => s.trim());
const targetNames = TARGET_NAMES.filter((t) => t === "direct" || (targetFilter ? targetFilter.includes(t) : !OPTIONAL_TARGETS.includes(t)));
const instructions = flag("instructions") || option("instructions") !== undefined;
const rounds = Number(option("rounds") ?? (quick ? 1 : 3));
const warmupMs = quick ? 100 : 200;
const durationMs = Number(option("duration") ?? (quick ? 300 : 1000));
const drainMs = quick ? 1_000 : 3_000;

const DRIVER_CPU = "0";
const GATEWAY_CPU = "1";
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latch_bench";
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = `latch:bench:${Date.now()}:`;

// Before each measurement the machine waits to be quiet: what a target does after a cell (the usage
// writer draining its stream into Postgres, a major GC) must not land in the next target's window,
// since they share Redis, Postgres and the cores. Quiet: under 15 % of one core busy for 200 ms,
// or 10 s have passed.
const QUIET_SAMPLE_MS = 200;
const QUIET_BUSY_SHARE = 0.15;
const QUIET_MAX_MS = 10_000;
const quietWaits: number[] = [];
function quietSummary(): string {
  const sorted = sortedCopy(quietWaits);
  const capped = quietWaits.filter((w) => w >= QUIET_MAX_MS).length;
  return `median ${percentile(sorted, 50).toFixed(0)} ms, max ${percentile(sorted, 100).toFixed(0)} ms${capped ? `; ${capped} of ${sorted.length} never went quiet within ${QUIET_MAX_MS / 1000} s` : ""}`;
}

const cleanups: (() => Promise<void>)[] = [];
async function cleanup() {
  for (const c of cleanups.reverse()) await c().catch(() => {});
  cleanups.length = 0;
}
process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));
process.on("SIGTERM", () => void cleanup().finally(() => process.exit(143)));

const readFileLoad = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]!;

async function main() {
  const started = Date.now();
  const loadStart = readFileLoad();
  // The driver (this process) and the upstream share core 0; every gateway gets core 1.
  execFileSync("taskset", ["-apc", DRIVER_CPU, String(process.pid)], { stdio: "ignore" });

  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect().catch((e: Error) => {
    throw new Error(`Redis is not reachable at ${redisUrl} (${e.message}); set BENCH_REDIS_URL`);
  });
  cleanups.push(async () => {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${redisPrefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
    redis.disconnect();
  });

  // The data plane alone (latch-gateway) and the floors need no Next build.
  const needsBuild = targetNames.some((t) => ["latch", "latch-routes", "latch-embedded", "next-floor"].includes(t));
  const buildNotes = needsBuild ? await ensureBuilds(root, (quick && !flag("rebuild")) || flag("reuse-build"), log) : ["no production build needed"];

  // Upstream: the test kit's fake provider (instant and paced), on the driver's core.
  const [instantPort, pacedPort] = [await freePort(), await freePort()];
  const upstream = spawn("taskset", ["-c", DRIVER_CPU, process.execPath, "--import", "tsx", "bench/upstream.ts", String(instantPort), String(pacedPort)], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(
    () => new Promise<void>((resolve) => (upstream.exitCode !== null ? resolve() : (upstream.once("exit", () => resolve()), upstream.kill("SIGTERM")))),
  );
  await new Promise<void>((resolve, reject) => {
    upstream.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    upstream.once("exit", (code) => reject(new Error(`upstream exited ${code}`)));
  });
  const upstreamUrl = `http://127.0.0.1:${instantPort}`;
  const pacedUrl = `http://127.0.0.1:${pacedPort}`;

  const latchEnv: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redisPrefix,
    LATCH_ENCRYPTION_KEY: "YmVuY2gtb25seS1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
    AUTH_SECRET: "bench-only-auth-secret-0123456789abcdef0123456789",
    LATCH_DEV_SIGN_IN: "false",
    LATCH_SEED_DEMO: "false",
    LATCH_SERVER_TIMING: "true",
    // The fake upstreams listen on loopback, which provider URLs may not name otherwise.
    LATCH_ALLOW_PRIVATE_UPSTREAMS: "true",
    LATCH_NEXT_DIST_DIR: DIST_DIR,
    LOG_LEVEL: "warn",
    // Under callgrind every command takes ~50× longer: the 1 s bound would fail the checks. And a
    // counted window lasts minutes, not seconds: the key and org caches' 30 s refreshes (a few
    // hundred million instructions each) would land in it several times, by chance, and swamp it.
    ...(instructions ? { LATCH_REDIS_COMMAND_TIMEOUT_MS: "60000", LATCH_KEY_CACHE_TTL_MS: "3600000" } : {}),
  };
  // Targets that need no database start while it is prepared.
  const profileDir = path.join(root, "bench/results/profiles", new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19));
  const latchNodeArgs = [
    ...(flag("profile") ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_LATCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
  ];
  const wrapper = instructions ? callgrindWrapper() : undefined;
  const ctx = {
    root,
    upstreamUrl,
    pacedUrl,
    latchKey: "",
    latchEnv,
    port: freePort,
    gatewayCpu: GATEWAY_CPU,
    allCpus: `${DRIVER_CPU},${GATEWAY_CPU}`,
    latchNodeArgs,
    wrapper,
  };
  const isLatch = (name: TargetName) => name.startsWith("latch");
  log(`starting ${targetNames.length} targets …`);
  const launch = (name: TargetName) => startTarget(name, ctx).then((t) => (cleanups.push(() => t.stop()), t));
  const early = targetNames.filter((n) => !isLatch(n)).map(launch);
  early.forEach((p) => p.catch(() => {})); // awaited below; a failure must not go unhandled meanwhile
  log("resetting the bench database, migrating and seeding …");
  await resetDatabase(databaseUrl);
  // As `npm start` does: the latch targets run the compiled server (dist/server), rebuilt when stale.
  await run(process.execPath, ["--import", "tsx", "scripts/prepare.ts", "--server-bundle"], { cwd: root, env: latchEnv });
  const seeded = await run(process.execPath, ["--import", "tsx", "bench/seed.ts"], {
    cwd: root,
    env: { ...latchEnv, BENCH_UPSTREAM_URL: upstreamUrl, BENCH_PACED_UPSTREAM_URL: pacedUrl },
  });
  ctx.latchKey = (JSON.parse(seeded.trim().split("\n").pop()!) as { key: string }).key;

  // Started together (they wait on disk and the database as much as on the CPU), kept in order.
  const targets: Target[] = [];
  const late = targetNames.filter(isLatch).map(launch);
  const started_ = await Promise.allSettled([...early, ...late]);
  for (const r of started_) if (r.status === "fulfilled") targets.push(r.value);
  const failed = started_.find((r) => r.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  log(`ready after ${((Date.now() - started) / 1000).toFixed(0)} s; ${rounds} round(s) × ${cells.length} cells × ${targets.length} targets`);
  if (instructions) {
    const n = Number(option("instructions") ?? 200);
    const warm = Number(option("instructions-warmup") ?? 10_000);
    const rows: InstructionRow[] = [];
    for (const target of targets.filter((t) => t.pid))
      for (const workload of ["json", "stream"] as const) {
        log(`counting instructions: ${target.name} ${workload} …`);
        rows.push(await countInstructions(target, workload, warm, n));
      }
    process.stdout.write(`\n### Instructions per request (callgrind, ${n} sequential requests after ${warm} uninstrumented)\n\n${renderInstructions(rows)}`);
    return;
  }

  // What else the machine's cores run while a target is measured (Redis, Postgres, the upstream, this
  // driver): a gateway's work lands there too, and on a small machine it decides what more workers buy.
  const services = { ...(await localServices(redis, databaseUrl)), upstream: upstream.pid! };
  const machineCpu = (): Record<string, number> => {
    const own = process.cpuUsage();
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(services)) cpu[name] = cpuMicros(pid);
    cpu.driver = own.user + own.system;
    return cpu;
  };
  const data = new Map<string, Accumulated>();
  const memory: MemoryTrack[] = targets.filter((t) => t.pid).map((t) => ({ target: t.name, rssPerRound: [], peak: 0 }));
  for (let round = 1; round <= rounds; round++) {
    const roundStart = Date.now();
    // RSS after each of the round's cells; its median is the round's (one reading lands anywhere
    // on the GC's saw-tooth, tens of MB apart).
    const rssSamples = new Map<TargetName, number[]>();
    for (const cell of cells) {
      for (const target of targets) {
        let cpuBefore = 0;
        let machineBefore: Record<string, number> = {};
        let windowStart = 0;
        quietWaits.push(await waitQuiet(machineBusyMicros, { sampleMs: QUIET_SAMPLE_MS, share: QUIET_BUSY_SHARE, maxMs: QUIET_MAX_MS }));
        const result = await measure(target.spec(cell.workload), cell.load, warmupMs, durationMs, drainMs, () => {
          if (target.pid) cpuBefore = cpuMicros(target.pid);
          machineBefore = machineCpu();
          windowStart = performance.now();
        });
        const cpu = target.pid ? cpuMicros(target.pid) - cpuBefore : 0;
        const machineAfter = machineCpu();
        const key = `${target.name}|${cell.id}`;
        const acc = data.get(key) ?? { results: [], cpuMicros: 0 };
        acc.results.push(result);
        acc.cpuMicros += cpu;
        const machine = (acc.machine ??= { windowMs: 0, cpuMicros: {} });
        machine.windowMs += performance.now() - windowStart;
        for (const [name, us] of Object.entries(machineAfter)) machine.cpuMicros[name] = (machine.cpuMicros[name] ?? 0) + us - (machineBefore[name] ?? 0);
        data.set(key, acc);
        if (target.pid) rssSamples.set(target.name, [...(rssSamples.get(target.name) ?? []), memoryMb(target.pid).rss]);
      }
    }
    for (const m of memory) m.rssPerRound.push(median(rssSamples.get(m.target) ?? []));
    log(`round ${round}/${rounds} done in ${((Date.now() - roundStart) / 1000).toFixed(0)} s`);
  }
  for (const m of memory) m.peak = memoryMb(targets.find((t) => t.name === m.target)!.pid!).peak;

  const rows = buildRows(cells, targetNames, data);
  const checks = checkTargets(rows, memory);
  const timings = (["latch", "latch-routes", "latch-embedded"] as TargetName[]).flatMap((t) =>
    ["json c1", "stream c1", "json c64", "paced c16"].flatMap((cell) => {
      const phases = serverTimingSummary(data, t, cell);
      return phases ? [{ target: t, cell, phases }] : [];
    }),
  );
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const meta = [
    `Machine load (1-min loadavg) at start ${loadStart}, at end ${readFileLoad()} — other processes share these 2 cores; high load inflates every number`,
    `${new Date().toISOString()} · ${quick ? "quick" : "full"} run · ${rounds} round(s) · ${warmupMs} ms warm-up + ${durationMs} ms measured per target and cell · total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    `Node ${process.version} · ${os.cpus().length} cores · gateways pinned to CPU ${GATEWAY_CPU}, driver + fake upstream on CPU ${DRIVER_CPU} (taskset); PostgreSQL and Redis unpinned`,
    `latch-gateway-x2 (LATCH_WORKERS=2) may use CPUs ${DRIVER_CPU},${GATEWAY_CPU}: with 2 cores its second worker shares CPU ${DRIVER_CPU} with the driver and the upstream; every gateway runs at nice ${GATEWAY_NICE}, so that worker gets only the time they leave (no core can be kept apart)`,
    `Upstream: the test kit's fake provider (e2e/fixtures/fake-provider), instant, 20 stream chunks; paced: content chunks 20 ms apart`,
    `Latch key: model + IP allowlists, RPM, TPM, concurrency, per-request cost cap, monthly spend cap (reservation), metering; LATCH_SERVER_TIMING=true`,
    `Before each measurement the machine was let go quiet (< ${QUIET_BUSY_SHARE * 100} % of a core busy for ${QUIET_SAMPLE_MS} ms): waited ${quietSummary()}`,
    ...buildNotes,
  ];
  const md = renderMarkdown({
    title: `Benchmark ${stamp}`,
    meta,
    rows,
    memory,
    checks,
    timings,
    machine: machineShares(data, ["json c64", "stream c64"]),
    cores: os.cpus().length,
    notes: Object.fromEntries(targetNames.map((t) => [t, TARGET_NOTES[t]])),
  });
  const dir = path.join(root, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const machine = machineShares(
    data,
    cells.map((c) => c.id),
  );
  const jsonOut = JSON.stringify({ meta, quick, rounds, warmupMs, durationMs, cells, rows, memory, checks, timings, machine }, null, 2);
  for (const name of [stamp, "latest"]) {
    fs.writeFileSync(path.join(dir, `${name}.md`), md);
    fs.writeFileSync(path.join(dir, `${name}.json`), jsonOut);
  }
  process.stdout.write(md);
  log(`wrote bench/results/${stamp}.md and .json`);
  if (flag("profile")) {
    await cleanup(); // the profiles are written when the targets exit
    for (const t of targets.filter((x) => x.name.startsWith("latch"))) {
      const file = fs.existsSync(profileDir) ? fs.readdirSync(profileDir).find((f) => f.includes(`.${t.pid}.`)) : undefined;
      if (file) process.stdout.write(`\n### CPU profile: ${t.name}\n\n${summarise(path.join(profileDir, file), 25, t.startupMs + 1000)}`);
    }
  }
}

main()
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => void cleanup().then(() => process.exit()));
