// The ledger's script calls through their pipeline, against a private Redis: when Redis has
// forgotten its scripts (a restart without persistence, a failover to a fresh replica) the calls
// queued together still run, each with its own answer; a batch that fails does not hold the next.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner } from "@/lib/policy/redis-runner";
import { oneCounterReserve } from "@/tests/helpers/ledger-input";

let server: RedisProcess;
let client: Redis;
let admin: Redis;
let ledger: RedisLedger;

beforeAll(async () => {
  server = await startRedisProcess();
  client = new Redis(server.url, { enableAutoPipelining: true, maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  admin = new Redis(server.url);
  admin.on("error", () => {});
  ledger = new RedisLedger(ioredisRunner(client));
});
afterAll(async () => {
  client?.disconnect();
  admin?.disconnect();
  await server?.stop();
});

const now = Date.now();
const counter = () => `{t:${randomUUID()}}:budget`;
const reserveOf = (c: string, holdId = randomUUID()) => oneCounterReserve(c, { holdId, now, limit: 1_000, amount: 300 });

describe("the ledger's script pipeline", () => {
  it("runs a settle and a reserve queued together after Redis forgot its scripts, in order", async () => {
    const c = counter();
    await ledger.setBase(c, 0, now + 3_600_000);
    const first = reserveOf(c);
    expect(await ledger.reserve(first)).toMatchObject({ ok: true, committed: [0] });
    await admin.script("FLUSH");
    // The settle rides ahead of the reserve: the reserve sees its hold gone and its spend counted.
    const settled = ledger.settle({ holdId: first.holdId, items: [{ counter: c, amount: 120 }], concurrency: null });
    const second = ledger.reserve(reserveOf(c));
    expect(await settled).toEqual([120]);
    expect(await second).toMatchObject({ ok: true, committed: [120], amounts: [300] });
    expect(await ledger.peek([c])).toEqual([420]);
  });

  it("a connection's first settle, riding ahead of a reserve whose script it already sent, lands first", async () => {
    await admin.script("FLUSH");
    const fresh = new Redis(server.url, { enableAutoPipelining: true, maxRetriesPerRequest: 1 });
    fresh.on("error", () => {});
    try {
      const own = new RedisLedger(ioredisRunner(fresh));
      const c = counter();
      await own.setBase(c, 0, now + 3_600_000);
      // One concurrency slot: the second reserve is granted only if the first one's settle ran first.
      const slot = { counter: `${c}:slot`, max: 1 };
      const first = { ...reserveOf(c), concurrency: slot };
      expect((await own.reserve(first)).ok).toBe(true);
      const settled = own.settle({ holdId: first.holdId, items: [{ counter: c, amount: 100 }], concurrency: slot });
      const second = own.reserve({ ...reserveOf(c), concurrency: slot });
      expect(await settled).toEqual([100]);
      expect(await second).toMatchObject({ ok: true, committed: [100] });
    } finally {
      fresh.disconnect();
    }
  });

  it("answers each call of a batch on its own: a refusal beside a grant", async () => {
    const [roomy, full] = [counter(), counter()];
    await ledger.setBase(roomy, 0, now + 3_600_000);
    await ledger.setBase(full, 900, now + 3_600_000);
    const results = await Promise.all([ledger.reserve(reserveOf(roomy)), ledger.reserve(reserveOf(full))]);
    expect(results).toEqual([expect.objectContaining({ ok: true }), { ok: false, reason: "budget", index: 0, used: 900, held: 0 }]);
  });

  it("after a batch failed with Redis down, the next calls go out once it is back", async () => {
    const c = counter();
    await server.stop();
    await expect(ledger.reserve(reserveOf(c))).rejects.toThrow();
    await server.start();
    await expect.poll(() => client.ping().catch(() => "down"), { timeout: 10_000 }).toBe("PONG");
    // A restart without persistence lost the counter too: the ledger asks for its base again.
    expect(await ledger.reserve(reserveOf(c))).toEqual({ ok: false, reason: "needs_base", indexes: [0] });
    await ledger.setBase(c, 0, now + 3_600_000);
    expect(await ledger.reserve(reserveOf(c))).toMatchObject({ ok: true, committed: [0] });
  });
});
