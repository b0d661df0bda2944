// Both ledgers keep a granted request in flight until it settles: past its deadline (its instance
// stopped renewing it) one claim gets it, its lapsed hold stays counted until it is settled at the
// reservation, and a settled or renewed request is never claimed; a late settle adds nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { redis } from "@/lib/redis";
import { MemoryLedger } from "@/lib/policy/ledger/memory";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner } from "@/lib/policy/redis-runner";
import type { Ledger, ReserveInput } from "@/lib/policy/ledger/types";

const ledgers: [string, () => Ledger][] = [["memory", () => new MemoryLedger()]];
if (redis.kind === "redis") {
  const client = redis.client;
  ledgers.push(["redis", () => new RedisLedger(ioredisRunner(client))]);
}
const NOW = Date.now();
const HOUR = 3_600_000;
const TTL = 60_000;

describe.each(ledgers)("%s ledger in flight", (_, make) => {
  const setup = async () => {
    const ledger = make();
    const tag = `${redis.prefix}{t:${randomUUID()}}`;
    const counter = `${tag}:b0`;
    await ledger.setBase(counter, 0, NOW + HOUR);
    const inflight = `${tag}:if`;
    const reserve = (over: Partial<ReserveInput> = {}) =>
      ledger.reserve({
        holdId: randomUUID(),
        items: [{ counter, limit: 10_000, amount: 4_000, perOutputToken: 10, expiresAt: NOW + HOUR }],
        concurrency: null,
        windows: [],
        holdTtlMs: TTL,
        now: NOW,
        outputTokens: 100,
        clampFloor: null,
        inflight: { key: inflight, entry: '{"id":"x"}' },
        ...over,
      });
    return { ledger, counter, inflight, reserve };
  };

  it("is claimed once past its deadline, keeps its hold counted, and settles at the reservation", async () => {
    const { ledger, counter, inflight, reserve } = await setup();
    const holdId = randomUUID();
    expect(await reserve({ holdId })).toMatchObject({ ok: true });
    expect(await ledger.claimLost(inflight, NOW + TTL - 1, TTL, 10)).toEqual([]);

    const claimed = await ledger.claimLost(inflight, NOW + TTL, TTL, 10);
    expect(claimed).toEqual([{ holdId, granted: 100, amounts: [4_000], entry: '{"id":"x"}' }]);
    // Leased: another sweep within the lease gets nothing.
    expect(await ledger.claimLost(inflight, NOW + TTL + 1, TTL, 10)).toEqual([]);
    // A later reservation does not sweep the lapsed hold away: 4,000 + 4,000 fit, a third does not.
    expect(await reserve({ now: NOW + TTL + 1 })).toMatchObject({ ok: true });
    expect(await reserve({ now: NOW + TTL + 1 })).toMatchObject({ ok: false, reason: "budget" });

    await ledger.settle({ holdId, items: [{ counter, amount: 4_000 }], concurrency: null, inflight });
    expect(await ledger.peek([counter])).toEqual([8_000]);
    expect(await ledger.claimLost(inflight, NOW + 3 * TTL, TTL, 10)).toHaveLength(1); // the second request, never settled
    expect(await ledger.claimLost(inflight, NOW + 5 * TTL, TTL, 10)).toEqual([expect.not.objectContaining({ holdId })]);
  });

  it("is never claimed once settled or while renewed", async () => {
    const { ledger, counter, inflight, reserve } = await setup();
    const settled = randomUUID();
    const renewed = randomUUID();
    await reserve({ holdId: settled });
    await reserve({ holdId: renewed });
    await ledger.settle({ holdId: settled, items: [{ counter, amount: 1_000 }], concurrency: null, inflight });
    await ledger.renew({ holdId: renewed, counters: [counter], concurrency: null, holdTtlMs: TTL, now: NOW + TTL / 2, inflight });
    expect(await ledger.claimLost(inflight, NOW + TTL, TTL, 10)).toEqual([]);
    expect((await ledger.claimLost(inflight, NOW + TTL * 1.5, TTL, 10)).map((c) => c.holdId)).toEqual([renewed]);
  });

  it("once settled as lost, a late settle of the same request (its instance was only cut off) adds nothing", async () => {
    const { ledger, counter, inflight, reserve } = await setup();
    const holdId = randomUUID();
    await reserve({ holdId });
    const [claimed] = await ledger.claimLost(inflight, NOW + TTL, TTL, 10);
    await ledger.settle({ holdId, items: [{ counter, amount: claimed!.amounts[0]! }], concurrency: null, inflight, lost: true });
    await ledger.settle({ holdId, items: [{ counter, amount: 1_500 }], concurrency: null, inflight });
    expect(await ledger.peek([counter])).toEqual([4_000]);
    if (redis.kind === "redis" && ledger instanceof RedisLedger)
      // Kept past the usual two minutes: for as long as the request could have been renewed.
      expect(await redis.client.pttl(`${counter.slice(0, counter.indexOf("}") + 1)}:m:${holdId}`)).toBeGreaterThan(60 * 60_000);
  });

  it("records the clamped ceiling and amounts the reservation granted", async () => {
    const { ledger, inflight, reserve } = await setup();
    const result = await reserve({
      items: [{ counter: `${inflight}-clamp`, limit: 3_500, amount: 4_000, perOutputToken: 10, expiresAt: NOW + HOUR }],
      clampFloor: 10,
    });
    if (result.ok || result.reason !== "needs_base") throw new Error("expected needs_base");
    await ledger.setBase(`${inflight}-clamp`, 0, NOW + HOUR);
    const granted = await reserve({
      items: [{ counter: `${inflight}-clamp`, limit: 3_500, amount: 4_000, perOutputToken: 10, expiresAt: NOW + HOUR }],
      clampFloor: 10,
    });
    expect(granted).toMatchObject({ ok: true, outputTokens: 50, amounts: [3_500] });
    expect(await ledger.claimLost(inflight, NOW + TTL, TTL, 10)).toMatchObject([{ granted: 50, amounts: [3_500] }]);
  });
});
