// The settle batch against a real Redis: a call whose reply a failover cut off is resent with its
// settles only (each counted once, by its marker) while its appends go back to the caller for a
// direct write; on a Cluster each hash tag and the usage stream get a call of their own; and
// draining waits for a settle still being retried.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redis } from "@/lib/redis";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { SettleBatch, tagOf, type BatchRunner } from "@/lib/policy/ledger/settle-batch";
import { ioredisRunner } from "@/lib/policy/redis-runner";

const HOUR = 3_600_000;

describe.runIf(redis.kind === "redis")("settle batch", () => {
  const client = redis.kind === "redis" ? redis.client : (null as never);
  const direct = ioredisRunner(client);

  /** A runner over the real Redis that records each call's keys, and loses the replies of the first `lose` calls after they ran. */
  const runner = (groupOf: BatchRunner["groupOf"], lose = 0) => {
    const calls: string[][] = [];
    const run: BatchRunner = {
      groupOf,
      evalDurable: async (script, keys, args) => {
        calls.push(keys);
        const value = await direct.eval(script, keys, args);
        if (calls.length <= lose) throw new Error("Connection is closed.");
        return { value, durable: true };
      },
    };
    return { run, calls };
  };

  /** A ledger on the batch, with one budget counter at 0 and `holds` reservations of 100 on it. */
  const setup = async (batch: SettleBatch, holds: number, tag = `${redis.prefix}{o:${randomUUID()}}`) => {
    const ledger = new RedisLedger({ ...direct, settles: batch });
    const counter = `${tag}:b0`;
    const now = Date.now();
    await ledger.setBase(counter, 0, now + HOUR);
    const ids = Array.from({ length: holds }, () => randomUUID());
    for (const holdId of ids) {
      const reserved = await ledger.reserve({
        holdId,
        items: [{ counter, limit: 1_000_000, amount: 100, perOutputToken: 0, expiresAt: now + HOUR }],
        concurrency: null,
        windows: [],
        holdTtlMs: 60_000,
        now,
        outputTokens: 10,
        clampFloor: null,
      });
      expect(reserved.ok).toBe(true);
    }
    return { ledger, counter, ids, tag };
  };

  it("resends a call whose reply was lost with its settles only: each counts once, its appends are handed back", async () => {
    const { run, calls } = runner(() => "", 1);
    const batch = new SettleBatch(run);
    const { ledger, counter, ids } = await setup(batch, 3);
    const stream = `${redis.prefix}batch-${randomUUID()}`;
    const settled = ids.map((holdId) => ledger.settle({ holdId, items: [{ counter, amount: 10 }], concurrency: null }));
    const appended = batch.append(stream, '{"id":"e1"}');
    expect(await appended).toBe(false); // the caller writes it directly (idempotent by id)
    await Promise.all(settled);
    expect(calls.map((keys) => keys.includes(stream))).toEqual([true, false]);
    expect(await ledger.peek([counter])).toEqual([30]);
    expect(await client.xlen(stream)).toBe(1); // the lost call had run: its entry stands, not resent
  });

  it("on a Cluster, one call per hash tag and one for the stream, each settle told its own totals", async () => {
    const { run, calls } = runner(tagOf);
    const batch = new SettleBatch(run);
    const a = await setup(batch, 2);
    const b = await setup(batch, 1);
    const stream = `${redis.prefix}batch-${randomUUID()}`;
    const totals = Promise.all([
      ...a.ids.map((holdId, i) => a.ledger.settle({ holdId, items: [{ counter: a.counter, amount: 10 * (i + 1) }], concurrency: null })),
      b.ledger.settle({ holdId: b.ids[0]!, items: [{ counter: b.counter, amount: 5 }], concurrency: null }),
    ]);
    const appended = Promise.all([batch.append(stream, '{"id":"e1"}'), batch.append(stream, '{"id":"e2"}')]);
    expect(await totals).toEqual([[10], [30], [5]]);
    expect(await appended).toEqual([true, true]);
    expect(calls.map((keys) => new Set(keys.map(tagOf)).size)).toEqual([1, 1, 1]);
    expect(calls.map((keys) => tagOf(keys[0]!))).toEqual([tagOf(a.counter), tagOf(b.counter), stream]);
    expect(await client.xlen(stream)).toBe(2);
  });

  it("drain waits for a settle that is still being retried", async () => {
    const { run } = runner(() => "", 2);
    const batch = new SettleBatch(run);
    const { ledger, counter, ids } = await setup(batch, 1);
    void ledger.settle({ holdId: ids[0]!, items: [{ counter, amount: 42 }], concurrency: null });
    await ledger.drain();
    expect(await ledger.peek([counter])).toEqual([42]);
  });

  it("a settle repeated in a later call adds nothing and reports no totals", async () => {
    const { run } = runner(() => "");
    const { ledger, counter, ids } = await setup(new SettleBatch(run), 1);
    const settle = { holdId: ids[0]!, items: [{ counter, amount: 7 }], concurrency: null };
    expect(await ledger.settle(settle)).toEqual([7]);
    expect(await ledger.settle(settle)).toEqual([-1]);
    expect(await ledger.peek([counter])).toEqual([7]);
  });
});
