// The hot path's budget, counted instead of timed: once a key is warm, every request (JSON and
// streamed, every check and metering on) sends exactly its reserve before forwarding, at most one
// command after its response (its settle and its usage append in one script call, shared with
// the other requests queued with it, sent in the same socket write as the next reserve), writes
// to Redis's socket once, serialises its usage event once, and never queries Postgres.
// Adding a command, a serialisation or a query per request fails here on any machine, however
// fast or loaded.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { Redis } from "ioredis";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import type { TestGateway } from "@/tests/helpers/gateway";
import type { TestOrg } from "@/tests/helpers/org";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { RESERVE_SCRIPT, SETTLE_SCRIPT } from "@/lib/policy/ledger/redis-scripts";
import { testUsageEvent } from "@/tests/helpers/usage-event";
import { oneCounterReserve } from "@/tests/helpers/ledger-input";
import { startMonitor } from "@/tests/helpers/redis-monitor";
import type { UsageEvent } from "@/lib/usage/event";

const N = 25;
// The usage stream's consumer polls and writes batches in the background, whatever the requests.
const BACKGROUND_REDIS = new Set(["xreadgroup", "xautoclaim", "xack", "xdel", "xlen", "xgroup", "multi", "exec"]);
// The usage writer's batches, and the month partitions it makes sure of before its first one.
const BACKGROUND_SQL = /INSERT INTO "Usage(Event|DeadLetter)"|latch_ensure_month_partitions/;

let redisServer: RedisProcess;
let usageQueue: typeof import("@/lib/usage/queue")["usageQueue"];
let recordUsage: typeof import("@/lib/usage/queue")["recordUsage"];
let ledger: import("@/lib/policy/ledger/types").Ledger;
let db: typeof import("@/lib/db")["db"];
let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let monitor: Redis;
let marker: Redis;
const redisCommands: { name: string; args: string[]; fromTest: boolean }[] = [];
/** Writes that carried a reserve or settle (background commands, the usage consumer's and the sweep's, share the socket). */
let ledgerWrites = 0;
/** What each of those writes carried. */
const redisWritten: string[] = [];
const sqlQueries: string[] = [];
const prefix = process.env.REDIS_KEY_PREFIX!;
const RESERVE_SHA = createHash("sha1").update(RESERVE_SCRIPT).digest("hex");
const SETTLE_SHA = createHash("sha1").update(SETTLE_SCRIPT).digest("hex");

// Usage events serialised while requests run: what the hot path allocates per event.
const stringify = JSON.stringify;
let eventsSerialised = 0;
JSON.stringify = function (this: JSON, ...args: Parameters<typeof JSON.stringify>) {
  const value = args[0] as Partial<UsageEvent> | null;
  if (value && typeof value === "object" && "outcome" in value && "latencyMs" in value) eventsSerialised++;
  return stringify.apply(this, args);
} as typeof JSON.stringify;

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
  const [{ startGateway }, { createTestOrg }, queue, limitState] = await Promise.all([
    import("@/tests/helpers/gateway"),
    import("@/tests/helpers/org"),
    import("@/lib/usage/queue"),
    import("@/lib/policy/limit-state"),
  ]);
  db = (await import("@/lib/db")).db;
  usageQueue = queue.usageQueue;
  recordUsage = queue.recordUsage;
  ledger = limitState.limitBackends.primary.ledger;
  fake = await startFakeProvider();
  gateway = await startGateway();
  // Writes to the gateway's Redis socket as they reach the kernel: each is a syscall, which costs
  // more than a settle's work. Counted where the socket hands data to its handle (`_write` for one
  // chunk, `_writev` for what was corked or queued), not per `write()` call.
  const { redis } = await import("@/lib/redis");
  if (redis.kind !== "redis") throw new Error("the budget is counted against Redis");
  await redis.client.ping();
  const socket = (redis.client as Redis).stream as Redis["stream"] & {
    _write(chunk: unknown, encoding: string, cb: () => void): void;
    _writev(chunks: { chunk: unknown }[], cb: () => void): void;
  };
  const flushed = (payload: string) => {
    if (payload.includes(RESERVE_SHA) || payload.includes(SETTLE_SHA)) ledgerWrites++;
    redisWritten.push(payload);
    if (redisWritten.length > 1_000) redisWritten.shift();
  };
  const [write, writev] = [socket._write, socket._writev];
  socket._write = function (chunk, encoding, cb) {
    flushed(String(chunk));
    return write.call(this, chunk, encoding, cb);
  };
  socket._writev = function (chunks, cb) {
    flushed(chunks.map((c) => String(c.chunk)).join(""));
    return writev.call(this, chunks, cb);
  };
  t = await createTestOrg(fake.url);
  marker = new Redis(redisServer.url);
  await marker.ping();
  monitor = await startMonitor(redisServer.url);
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source === "lua") return;
    const name = String(args[0]).toLowerCase();
    const fromTest = source.endsWith(`:${marker.stream.localPort}`);
    const ours = fromTest || args.some((a) => String(a).startsWith(prefix));
    if (ours && !BACKGROUND_REDIS.has(name)) redisCommands.push({ name, args: args.map(String), fromTest });
  });
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  JSON.stringify = stringify;
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
  eventsSerialised = 0;
  ledgerWrites = 0;
  // A frozen clock: no cache ages and no once-a-minute write falls due while they run, so what
  // is counted is what every request costs.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  try {
    for (let i = 0; i < N; i++) {
      const response = await post(secret, stream);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(stream ? "[DONE]" : "choices");
    }
    await settledEverything();
  } finally {
    vi.useRealTimers();
  }
  const sent = redisCommands.filter((c) => !c.fromTest);
  const reserves = sent.filter((c) => c.name === "evalsha" && c.args[1] === RESERVE_SHA).length;
  const afterResponse: Record<string, number> = {};
  for (const c of sent) if (c.args[1] !== RESERVE_SHA) afterResponse[c.name] = (afterResponse[c.name] ?? 0) + 1;
  return { reserves, afterResponse, serialised: eventsSerialised, sql: [...sqlQueries], writes: ledgerWrites };
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

  it("JSON: one reserve, then at most one script call for the settle and the usage append; no Postgres query", async () => {
    const { secret } = await t.key(limits);
    const { reserves, afterResponse, serialised, sql, writes } = await measure(secret, false);
    expect(reserves).toBe(N);
    // A settle rides with the next reserve unless its timer fires first: never more than both.
    expect(writes).toBeLessThanOrEqual(2 * N);
    // On one node the append runs inside the settle's script: no XADD of its own.
    expect(Object.keys(afterResponse)).toEqual(["evalsha"]);
    expect(afterResponse.evalsha).toBeGreaterThan(0);
    expect(afterResponse.evalsha).toBeLessThanOrEqual(N);
    expect(serialised).toBe(N); // the usage event, once, for its stream entry
    expect(sql).toEqual([]);
  });

  it("stream: the same, whatever the number of chunks", async () => {
    const { secret } = await t.key(limits);
    const { reserves, afterResponse, serialised, sql, writes } = await measure(secret, true);
    expect(reserves).toBe(N);
    expect(writes).toBeLessThanOrEqual(2 * N);
    expect(Object.keys(afterResponse)).toEqual(["evalsha"]);
    expect(afterResponse.evalsha).toBeLessThanOrEqual(N);
    expect(serialised).toBe(N);
    expect(sql).toEqual([]);
  });

  it("the settles and usage appends of one turn share one script call, and each settle gets its own totals", async () => {
    const now = Date.now();
    const counter = `${prefix}{o:${t.org.id}}:turn-${randomUUID()}`;
    await ledger.setBase(counter, 0, now + 3_600_000);
    const holds = Array.from({ length: N }, () => randomUUID());
    for (const holdId of holds) {
      const granted = await ledger.reserve(oneCounterReserve(counter, { holdId, now }));
      expect(granted.ok).toBe(true);
    }
    await settledEverything();
    redisCommands.length = 0;
    // What N requests finishing in the same turn hand over: a settle and a usage event each.
    const totals = holds.map((holdId, i) => {
      const settled = ledger.settle({ holdId, items: [{ counter, amount: i + 1 }], concurrency: null });
      recordUsage(turnEvent(holdId));
      return settled;
    });
    const settledTotals = (await Promise.all(totals)).map(([total]) => total!);
    await settledEverything();
    const sent = redisCommands.filter((c) => !c.fromTest).map((c) => c.name);
    expect(sent).toEqual(["evalsha"]);
    // Running totals in the order handed over: what each request's budget alert is checked against.
    expect(settledTotals).toEqual(holds.map((_, i) => ((i + 1) * (i + 2)) / 2));
    await usageQueue.flush();
    expect(await db.usageEvent.count({ where: { id: { in: holds } } })).toBe(N);
  });

  it("a settle queued when a reserve goes out leaves in the same socket write, ahead of it", async () => {
    const now = Date.now();
    const counter = `${prefix}{o:${t.org.id}}:ride-${randomUUID()}`;
    await ledger.setBase(counter, 0, now + 3_600_000);
    // A concurrency limit of one: the second reserve is granted only if the first's settle ran first.
    const slot = { counter: `${prefix}{o:${t.org.id}}:ride-slot-${randomUUID()}`, max: 1 };
    const reserve = (holdId: string) => ledger.reserve(oneCounterReserve(counter, { holdId, now, concurrency: slot }));
    const [first, second] = [randomUUID(), randomUUID()];
    expect((await reserve(first)).ok).toBe(true);
    await settledEverything();
    redisCommands.length = 0;
    redisWritten.length = 0;
    const settled = ledger.settle({ holdId: first, items: [{ counter, amount: 40 }], concurrency: slot });
    const granted = await reserve(second);
    expect(await settled).toEqual([40]);
    expect(granted.ok).toBe(true);
    await settledEverything();
    // The usage stream's consumer may poll on the same connection meanwhile: its writes carry neither.
    const scriptWrites = redisWritten.filter((w) => w.includes(RESERVE_SHA) || w.includes(SETTLE_SHA));
    expect(scriptWrites).toHaveLength(1);
    const sent = redisCommands.filter((c) => !c.fromTest);
    expect(sent.map((c) => c.args[1] === RESERVE_SHA)).toEqual([false, true]);
  });

  // Requests read in one pass of the event loop (a burst) are handled one task each: the first
  // one's reserve must not wait for the others to be parsed before it leaves.
  const reservesIn = (chunk: string) => chunk.split(RESERVE_SHA).length - 1;
  const ledgerReserve = async () => {
    const now = Date.now();
    const counter = `${prefix}{o:${t.org.id}}:burst-${randomUUID()}`;
    await ledger.setBase(counter, 0, now + 3_600_000);
    await settledEverything();
    return (holdId: string) => ledger.reserve(oneCounterReserve(counter, { holdId, now }));
  };

  it("a reserve leaves at the end of the task that made it, before the loop runs the next one", async () => {
    const reserve = await ledgerReserve();
    redisWritten.length = 0;
    let granted: ReturnType<typeof reserve> | undefined;
    const sentBeforeNextTask = await new Promise<number>((done) => {
      setImmediate(() => (granted = reserve(randomUUID())));
      setImmediate(() => done(redisWritten.map(reservesIn).reduce((a, b) => a + b, 0)));
    });
    expect(sentBeforeNextTask).toBe(1);
    expect((await granted!).ok).toBe(true);
  });

  it("reserves made while one is in flight leave together once it is answered: one write per round trip", async () => {
    const reserve = await ledgerReserve();
    redisWritten.length = 0;
    const calls: ReturnType<typeof reserve>[] = [];
    // Three tasks of one pass of the loop: no reply can be read between them.
    await new Promise<void>((done) => {
      setImmediate(() => calls.push(reserve(randomUUID())));
      setImmediate(() => calls.push(reserve(randomUUID())));
      setImmediate(() => (calls.push(reserve(randomUUID())), done()));
    });
    expect((await Promise.all(calls)).map((r) => r.ok)).toEqual([true, true, true]);
    expect(redisWritten.map(reservesIn).filter((n) => n > 0)).toEqual([1, 2]);
  });
});

const turnEvent = (id: string) => testUsageEvent(t.org.id, { id });
