// `npm run test:soak`: Latch's production entry under a steady open-loop rate of mixed traffic for
// SOAK_MINUTES (default 10) at SOAK_RATE requests/s (default 25). It passes when
//   - every request was answered completely (status 200, full text, terminal stream event),
//   - every request was metered: one usage event per request in Postgres, by endpoint and stream,
//   - the gateway's RSS stayed flat (the rule is at rssVerdict in ./measure.ts),
//   - the gateway exits cleanly on SIGTERM.
// Set-up of its own: a database latch_soak_<pid> (migrated and seeded as `npm start` and the
// product's verbs would), a Redis key prefix latch:soak:<pid>: on the local Redis, the test kit's
// fake provider in this process, and `node --import tsx server.ts` with NODE_ENV=production and
// LATCH_ROLE=gateway (the data plane alone: no Next build needed) in Redis mode. Writes
// tests/soak/results/<time>.md and latest.json. SOAK_DATABASE_URL / SOAK_REDIS_URL override the
// local defaults (local hosts only).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { Redis } from "ioredis";
import { Agent, request } from "undici";
import { startFakeProvider, type FakeProvider } from "../../e2e/fixtures/fake-provider/index";
import { KINDS, REPLY, schedule, type Kind } from "./traffic";
import { cpuMicros, memoryMb } from "@/bench/stats";
import { metricsOf, percentileOf, rssVerdict, type Sample } from "./measure";
import { run, startGateway } from "./processes";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 25);
if (!(MINUTES > 0) || !(RATE > 0)) throw new Error("SOAK_MINUTES and SOAK_RATE must be positive numbers");
const DURATION_MS = Math.round(MINUTES * 60_000);
/** RSS is compared between two windows this long: the third one of the run and the last one. */
const WINDOW_MS = Math.min(60_000, DURATION_MS / 5);
const SAMPLE_MS = Math.min(10_000, WINDOW_MS / 4);

const root = path.resolve(import.meta.dirname, "../..");
const resultsDir = path.join(root, "tests/soak/results");
const baseDbUrl = new URL(process.env.SOAK_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const redisUrl = process.env.SOAK_REDIS_URL ?? "redis://127.0.0.1:6379";
const DB_NAME = `latch_soak_${process.pid}`;
const REDIS_PREFIX = `latch:soak:${process.pid}:`;
for (const host of [baseDbUrl.hostname, new URL(redisUrl).hostname])
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`Refusing to soak against a non-local host (${host}).`);

const startedAt = Date.now();
const clock = () => {
  const s = Math.round((Date.now() - startedAt) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
};
const log = (line: string) => process.stdout.write(`[soak ${clock()}] ${line}\n`);
// Whoever reads the output may be gone (npm test stopped): cleaning up must not die of EPIPE.
process.stdout.on("error", () => {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dbUrl = (name: string) => Object.assign(new URL(baseDbUrl), { pathname: `/${name}` }).toString();

// ---------- cleanup ----------

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup() {
  for (const c of cleanups.splice(0).reverse()) await c().catch((e: Error) => log(`cleanup: ${e.message}`));
}
// A signal may come twice (from a terminal and relayed by tsx): the first one cleans up and exits.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function adminQuery<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const admin = new pg.Client({ connectionString: dbUrl("postgres") });
  await admin.connect();
  try {
    return (await admin.query<T>(text)).rows;
  } finally {
    await admin.end();
  }
}

async function deleteRedisKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** Databases and Redis keys of earlier soaks whose process is gone (killed before cleaning up). */
async function dropStale(redis: Redis) {
  const rows = await adminQuery<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'latch\\_soak\\_%'`);
  for (const { datname } of rows) {
    const pid = Number(/^latch_soak_(\d+)$/.exec(datname)?.[1]);
    if (pid && !alive(pid)) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  const pids = new Set<number>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", "latch:soak:*", "COUNT", 1000);
    cursor = next;
    for (const k of keys) pids.add(Number(/^latch:soak:(\d+):/.exec(k)?.[1]));
  } while (cursor !== "0");
  for (const pid of pids) if (pid && !alive(pid)) await deleteRedisKeys(redis, `latch:soak:${pid}:*`);
}

// ---------- main ----------

type Failure = { seq: number; kind: string; atMs: number; reason: string };

async function main(): Promise<boolean> {
  log(
    `${MINUTES} min at ${RATE} req/s (${Math.round((RATE * DURATION_MS) / 1000).toLocaleString("en")} requests), mix: ${KINDS.map((k) => `${k.name} ×${k.weight}`).join(", ")}`,
  );
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  cleanups.push(async () => redis.disconnect());
  await dropStale(redis);

  await adminQuery(`CREATE DATABASE "${DB_NAME}"`);
  cleanups.push(() => adminQuery(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
  cleanups.push(() => deleteRedisKeys(redis, `${REDIS_PREFIX}*`));

  const fake: FakeProvider = await startFakeProvider({ replyText: REPLY, chunks: 8, chunkDelayMs: 10, latencyMs: 15 });
  cleanups.push(() => fake.close());

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/root",
    NODE_ENV: "production",
    LATCH_ROLE: "gateway",
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl(DB_NAME),
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: REDIS_PREFIX,
    LATCH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64"),
    LATCH_DEV_SIGN_IN: "false",
    LATCH_SEED_DEMO: "false",
    // The soak reads the gateway's own counters; production closes /metrics otherwise.
    LATCH_METRICS_PUBLIC: "1",
    // The fake provider listens on loopback.
    LATCH_ALLOW_PRIVATE_UPSTREAMS: "true",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  log(`database ${DB_NAME}: migrating and seeding …`);
  await run(["--import", "tsx", "scripts/prepare.ts", "--server-bundle"], env);
  const seeded = await run(["--import", "tsx", "tests/soak/seed.ts"], { ...env, SOAK_UPSTREAM_URL: fake.url });
  const { orgId, keys } = JSON.parse(seeded.trim().split("\n").pop()!) as { orgId: string; keys: string[] };

  const gateway = await startGateway(env);
  cleanups.push(() => gateway.stop());
  log(`gateway pid ${gateway.pid} on ${gateway.url} (production, LATCH_ROLE=gateway, Redis mode); fake provider on ${fake.url}`);

  // ---- traffic ----
  const agent = new Agent({ connections: 256, keepAliveTimeout: 30_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
  cleanups.push(() => agent.close());
  const order = schedule(KINDS);
  const turn = new Map<Kind, number>();
  const latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  const sentByKind = new Map<Kind, number>(KINDS.map((k) => [k, 0]));
  const failures: Failure[] = [];
  let sent = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let maxLagMs = 0;
  const t0 = performance.now();
  const driverCpuStart = process.cpuUsage();

  const fire = async (seq: number) => {
    const kind = order[seq % order.length]!;
    const n = turn.get(kind) ?? 0;
    turn.set(kind, n + 1);
    const key = keys[kind.keys[n % kind.keys.length]!]!;
    sentByKind.set(kind, sentByKind.get(kind)! + 1);
    sent++;
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    const started = performance.now();
    try {
      const headers: Record<string, string> =
        kind.endpoint === "messages" ? { "x-api-key": key, "anthropic-version": "2023-06-01" } : { authorization: `Bearer ${key}` };
      const res = await request(`${gateway.url}${kind.path}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(kind.body(seq)),
        dispatcher: agent,
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
      kind.check(text);
      latencies.get(kind)!.push(performance.now() - started);
    } catch (err) {
      failures.push({ seq, kind: kind.name, atMs: Math.round(started - t0), reason: (err as Error).message.slice(0, 400) });
      if (failures.length <= 5) log(`request ${seq} (${kind.name}) failed: ${(err as Error).message.slice(0, 300)}`);
    } finally {
      inFlight--;
    }
  };

  const samples: Sample[] = [];
  const sample = async () => {
    const atMs = Math.round(performance.now() - t0);
    const mem = memoryMb(gateway.pid);
    const m = await metricsOf(gateway.url).catch(() => ({ heapUsedMb: NaN, externalMb: NaN, usageBacklog: NaN }));
    samples.push({ atMs, rssMb: mem.rss, peakMb: mem.peak, ...m, sent, cpuSec: cpuMicros(gateway.pid) / 1e6 });
    // The fake provider records every request; the soak has no use for them.
    fake.requests.length = 0;
  };
  await sample();
  log(`traffic started; gateway RSS ${samples[0]!.rssMb.toFixed(1)} MB, heap used ${samples[0]!.heapUsedMb.toFixed(1)} MB`);
  const sampler = setInterval(() => {
    void sample().then(() => {
      const s = samples.at(-1)!;
      if (samples.length % Math.round(60_000 / SAMPLE_MS) === 1 || SAMPLE_MS < 10_000)
        log(
          `${s.sent.toLocaleString("en")} sent · ${failures.length} failed · ${inFlight} in flight · RSS ${s.rssMb.toFixed(1)} MB · heap ${s.heapUsedMb.toFixed(1)} MB · usage backlog ${s.usageBacklog}`,
        );
    });
  }, SAMPLE_MS);

  // Open loop: request i is sent at t0 + i/RATE whatever the answers do; a late timer sends the
  // overdue ones at once, so the rate holds on average (the worst lateness is reported).
  const total = Math.round((RATE * DURATION_MS) / 1000);
  const intervalMs = 1000 / RATE;
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now() - t0;
      while (next < total && next * intervalMs <= now) {
        maxLagMs = Math.max(maxLagMs, now - next * intervalMs);
        void fire(next++);
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, next * intervalMs - (performance.now() - t0)));
    };
    tick();
  });
  const trafficMs = performance.now() - t0;
  const driverCpu = process.cpuUsage(driverCpuStart);
  const driverCpuSec = (driverCpu.user + driverCpu.system) / 1e6;
  const settleBy = Date.now() + 60_000;
  while (inFlight > 0 && Date.now() < settleBy) await sleep(50);
  clearInterval(sampler);
  await sample();
  log(`traffic done: ${sent.toLocaleString("en")} sent in ${(trafficMs / 1000).toFixed(1)} s, ${failures.length} failed, ${inFlight} unanswered`);

  // ---- metering: one usage event per request, once the stream has drained into Postgres ----
  const db = new pg.Client({ connectionString: dbUrl(DB_NAME) });
  await db.connect();
  cleanups.push(() => db.end());
  const countEvents = async () => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "UsageEvent" WHERE "orgId" = $1`, [orgId])).rows[0]!.n);
  let metered = await countEvents();
  const meterBy = Date.now() + 60_000;
  while (metered < sent && Date.now() < meterBy) {
    await sleep(250);
    metered = await countEvents();
  }
  await sleep(1_000); // anything written after the count reached `sent` would be a duplicate
  metered = await countEvents();
  const { rows: breakdown } = await db.query<{ endpoint: string; stream: boolean; outcome: string; n: string; untokened: string }>(
    `SELECT endpoint, stream, outcome::text, count(*) AS n, count(*) FILTER (WHERE "inputTokens" = 0 OR "costUsd" IS NULL) AS untokened
       FROM "UsageEvent" WHERE "orgId" = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [orgId],
  );
  const expected = new Map<string, number>();
  for (const k of KINDS) expected.set(`${k.endpoint}|${k.stream}|success`, (expected.get(`${k.endpoint}|${k.stream}|success`) ?? 0) + sentByKind.get(k)!);
  const found = new Map(breakdown.map((r) => [`${r.endpoint}|${r.stream}|${r.outcome}`, Number(r.n)]));
  const meteringMismatches = [...new Set([...expected.keys(), ...found.keys()])].filter((k) => (expected.get(k) ?? 0) !== (found.get(k) ?? 0));
  const untokened = breakdown.reduce((s, r) => s + Number(r.untokened), 0);

  // ---- shutdown ----
  const errorLogLines = gateway.errorLines();
  const exitCode = await gateway.stop();

  // ---- verdict and report ----
  const rss = rssVerdict(samples, WINDOW_MS);
  const all = [...latencies.values()].flat();
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const cpuSec = last.cpuSec - first.cpuSec;
  const checks: [string, boolean, string][] = [
    ["0 failed requests", failures.length === 0 && inFlight === 0, `${failures.length} failed, ${inFlight} unanswered of ${sent}`],
    [
      "every request metered once",
      metered === sent && meteringMismatches.length === 0,
      `${metered} usage events for ${sent} requests${meteringMismatches.length ? `; differs for ${meteringMismatches.map((k) => `${k}: ${found.get(k) ?? 0} recorded, ${expected.get(k) ?? 0} sent`).join("; ")}` : ""}`,
    ],
    ["usage events carry tokens and cost", untokened === 0, `${untokened} without input tokens or cost`],
    [
      "RSS flat",
      rss.pass,
      `last window ${rss.endMb.toFixed(1)} MB vs ${rss.referenceMb.toFixed(1)} MB in window 3, after warm-up (allowed ≤ ${rss.allowedMb.toFixed(1)} MB)`,
    ],
    ["no error logged by the gateway", errorLogLines === 0, `${errorLogLines} error lines`],
    ["clean exit on SIGTERM", exitCode === 0, `exit code ${exitCode}`],
  ];
  const pass = checks.every(([, ok]) => ok);
  const f1 = (x: number) => x.toFixed(1);
  const lines = [
    `# Soak ${new Date(startedAt).toISOString()}`,
    "",
    `${pass ? "PASS" : "FAIL"} · ${MINUTES} min at ${RATE} req/s · Node ${process.version} · load average at end ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
    "",
    "| Check | | Detail |",
    "| --- | --- | --- |",
    ...checks.map(([name, ok, detail]) => `| ${name} | ${ok ? "ok" : "FAILED"} | ${detail} |`),
    "",
    "| Figure | Value |",
    "| --- | --- |",
    `| Requests | ${sent.toLocaleString("en")} in ${f1(trafficMs / 1000)} s (${f1(sent / (trafficMs / 1000))} req/s; worst send lateness ${maxLagMs.toFixed(0)} ms) |`,
    `| Failed | ${failures.length} |`,
    `| Usage events in Postgres | ${metered.toLocaleString("en")} (lost ${Math.max(0, sent - metered)}, extra ${Math.max(0, metered - sent)}) |`,
    `| Latency (whole answer) | p50 ${f1(percentileOf(all, 50))} ms · p99 ${f1(percentileOf(all, 99))} ms · max ${f1(Math.max(...all, 0))} ms; ${peakInFlight} in flight at most |`,
    `| Gateway RSS | start ${f1(first.rssMb)} MB · window 3 ${f1(rss.referenceMb)} MB · last window ${f1(rss.endMb)} MB (last sample ${f1(last.rssMb)}) · peak ${f1(last.peakMb)} MB |`,
    `| RSS growth after warm-up | ${rss.growthPerKReqKb.toFixed(0)} KB per 1,000 requests |`,
    `| Gateway V8 heap used | start ${f1(first.heapUsedMb)} MB · window 3 ${f1(rss.heapReferenceMb)} MB · last window ${f1(rss.heapEndMb)} MB · max ${f1(Math.max(...samples.map((s) => s.heapUsedMb)))} MB |`,
    `| Gateway CPU | ${f1(cpuSec)} s (${f1((cpuSec * 100) / (trafficMs / 1000))} % of a core, ${((cpuSec * 1e6) / sent).toFixed(0)} µs per request) |`,
    `| Soak process CPU (driver + fake provider) | ${f1(driverCpuSec)} s (${f1((driverCpuSec * 100) / (trafficMs / 1000))} % of a core) |`,
    `| Usage backlog (max sampled) | ${Math.max(...samples.map((s) => s.usageBacklog).filter(Number.isFinite), 0)} events |`,
    "",
    "| Kind | Requests | p50 ms | p99 ms |",
    "| --- | --- | --- | --- |",
    ...KINDS.map(
      (k) => `| ${k.name} (${k.path}) | ${sentByKind.get(k)} | ${f1(percentileOf(latencies.get(k)!, 50))} | ${f1(percentileOf(latencies.get(k)!, 99))} |`,
    ),
    "",
    `RSS samples (s: MB): ${samples.map((s) => `${Math.round(s.atMs / 1000)}: ${f1(s.rssMb)}`).join(", ")}`,
    ...(failures.length
      ? ["", "First failures:", ...failures.slice(0, 10).map((f) => `- #${f.seq} ${f.kind} at ${(f.atMs / 1000).toFixed(1)} s: ${f.reason}`)]
      : []),
    ...(pass ? [] : ["", "Gateway log tail:", "```", gateway.logTail(), "```"]),
  ];
  const report = `${lines.join("\n")}\n`;
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, "-").slice(0, 19);
  fs.writeFileSync(path.join(resultsDir, `${stamp}.md`), report);
  fs.writeFileSync(
    path.join(resultsDir, "latest.json"),
    JSON.stringify({ pass, minutes: MINUTES, rate: RATE, sent, failures, metered, breakdown, checks, rss, samples, peakInFlight, maxLagMs }, null, 2),
  );
  process.stdout.write(`\n${report}\n`);
  log(`report: tests/soak/results/${stamp}.md`);
  return pass;
}

let ok = false;
try {
  ok = await main();
} catch (err) {
  log(`soak could not run: ${(err as Error).stack ?? err}`);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
