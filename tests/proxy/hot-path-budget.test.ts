// The hot path's budget, counted instead of timed: once a key is warm, every request (JSON and
// streamed, every check and metering on) sends exactly its reserve and its settle to Redis plus
// one usage append, and never queries Postgres. Adding a command or a query per request fails
// here on any machine, however fast or loaded.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { Redis } from "ioredis";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import type { TestGateway } from "@/tests/helpers/gateway";
import type { TestOrg } from "@/tests/helpers/org";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";

const N = 25;
// The usage stream's consumer polls and writes batches in the background, whatever the requests.
const BACKGROUND_REDIS = new Set(["xreadgroup", "xautoclaim", "xack", "xdel", "xlen", "xgroup", "multi", "exec"]);
const BACKGROUND_SQL = /INSERT INTO "Usage(Event|DeadLetter)"/;

let redisServer: RedisProcess;
let usageQueue: typeof import("@/lib/usage/queue")["usageQueue"];
let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let monitor: Redis;
let marker: Redis;
const redisCommands: { name: string; args: string[]; fromTest: boolean }[] = [];
const sqlQueries: string[] = [];
const prefix = process.env.REDIS_KEY_PREFIX!;

// Every query of this process passes here: Prisma's adapter and the bulk writer both use pg.
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = typeof first === "string" ? first : (first?.text ?? "");
  if (!BACKGROUND_SQL.test(text)) sqlQueries.push(text.slice(0, 100));
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** Waits without reading Date (frozen while requests run), bounded. */
async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await probe())) {
    if (performance.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  // A private redis-server, so MONITOR sees this gateway alone; Latch's modules are loaded
  // after it is chosen (the Redis client connects on import).
  redisServer = await startRedisProcess();
  process.env.REDIS_URL = redisServer.url;
  const [{ startGateway }, { createTestOrg }, queue] = await Promise.all([
    import("@/tests/helpers/gateway"),
    import("@/tests/helpers/org"),
    import("@/lib/usage/queue"),
  ]);
  usageQueue = queue.usageQueue;
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  monitor = new Redis(redisServer.url);
  marker = new Redis(redisServer.url);
  await marker.ping();
  const feed = await monitor.monitor();
  feed.on("monitor", (_time: string, args: string[], source: string) => {
    if (source === "lua") return;
    const name = String(args[0]).toLowerCase();
    const fromTest = source.endsWith(`:${marker.stream.localPort}`);
    const ours = fromTest || args.some((a) => String(a).startsWith(prefix));
    if (ours && !BACKGROUND_REDIS.has(name)) redisCommands.push({ name, args: args.map(String), fromTest });
  });
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  monitor?.disconnect();
  marker?.disconnect();
  await gateway?.close();
  await fake?.close();
  await redisServer?.stop();
});

const post = (secret: string, stream: boolean) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", max_tokens: 20, stream, messages: [{ role: "user", content: "hi" }] }),
  });

/** Sends N warm requests and returns what they cost, per kind of command and query. */
async function measure(secret: string, stream: boolean) {
  // Warm: key and org cached, scripts loaded, budget base read, lastUsedAt written.
  for (let i = 0; i < 2; i++) expect((await post(secret, stream)).status).toBe(200);
  await settledEverything();
  redisCommands.length = 0;
  sqlQueries.length = 0;
  // A frozen clock: no cache ages and no once-a-minute write falls due while they run, so what
  // is counted is what every request costs.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  try {
    for (let i = 0; i < N; i++) {
      const response = await post(secret, stream);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(stream ? "[DONE]" : "choices");
    }
    await until(() => redisCommands.filter((c) => !c.fromTest).length >= 3 * N, `${3 * N} commands`);
    await settledEverything();
  } finally {
    vi.useRealTimers();
  }
  const total: Record<string, number> = {};
  for (const c of redisCommands) if (!c.fromTest) total[c.name] = (total[c.name] ?? 0) + 1;
  const perRequest = Object.fromEntries(Object.entries(total).map(([name, n]) => [name, n / N]));
  const scripts = new Map<string, number>();
  for (const c of redisCommands) if (c.name === "evalsha") scripts.set(c.args[1]!, (scripts.get(c.args[1]!) ?? 0) + 1);
  return { perRequest, scripts: [...scripts.values()], sql: [...sqlQueries] };
}

/** Every write the requests sent so far has reached Redis, and MONITOR has reported it. */
async function settledEverything() {
  await until(() => usageQueue.pending === 0, "usage appends");
  const slots = await marker.keys(`${prefix}*:cc:*`);
  await until(async () => (await Promise.all(slots.map((k) => marker.zcard(k)))).every((n) => n === 0), "settles");
  // MONITOR reports in execution order: once it shows this marker, it has shown everything before.
  const tag = `budget-${Math.random()}`;
  await marker.echo(tag);
  await until(() => redisCommands.some((c) => c.fromTest && c.args[1] === tag), "marker");
}

describe("the hot path's budget per warm request", () => {
  const limits = {
    rpmLimit: 100_000,
    tpmLimit: 100_000_000,
    maxConcurrent: 50,
    maxRequestCostUsd: 5,
    allowedModels: ["gpt-4o-mini"],
    allowedIps: ["127.0.0.1/32"],
    budgets: [{ kind: "spend" as const, period: "monthly" as const, limit: 1_000 }],
  };

  it("JSON: one reserve, one settle, one usage append in Redis; no Postgres query", async () => {
    const { secret } = await t.key(limits);
    const { perRequest, scripts, sql } = await measure(secret, false);
    expect(perRequest).toEqual({ evalsha: 2, xadd: 1 });
    expect(scripts).toEqual([N, N]); // two scripts (reserve, settle), once each per request
    expect(sql).toEqual([]);
  });

  it("stream: the same, whatever the number of chunks", async () => {
    const { secret } = await t.key(limits);
    const { perRequest, scripts, sql } = await measure(secret, true);
    expect(perRequest).toEqual({ evalsha: 2, xadd: 1 });
    expect(scripts).toEqual([N, N]);
    expect(sql).toEqual([]);
  });
});
