// The Redis script and the in-process ledger must agree: clamping finds the same ceiling, the
// floor refuses alike, the token window is charged at the granted ceiling, and a carve is spent
// down and peeked the same way; a renewed hold outlives its first expiry, a settled one stays gone.
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

describe.each(ledgers)("%s ledger", (_, make) => {
  const fresh = async (ledger: Ledger, limits: number[]) => {
    const tag = randomUUID();
    const counters = limits.map((_, i) => `${redis.prefix}{t:${tag}}:b${i}`);
    for (const c of counters) await ledger.setBase(c, 0, NOW + HOUR);
    return { counters, window: `${redis.prefix}{t:${tag}}:tpm` };
  };
  // 1,000 fixed + 10 per output token against budget 0, 100 per output token against budget 1.
  const input = (counters: string[], limits: number[], over: Partial<ReserveInput> = {}): ReserveInput => ({
    holdId: randomUUID(),
    items: [
      { counter: counters[0]!, limit: limits[0]!, amount: 1_000 + 10 * 500, perOutputToken: 10, expiresAt: NOW + HOUR },
      { counter: counters[1]!, limit: limits[1]!, amount: 500 * 100, perOutputToken: 100, expiresAt: NOW + HOUR },
    ],
    concurrency: null,
    windows: [],
    holdTtlMs: 60_000,
    now: NOW,
    outputTokens: 500,
    clampFloor: 50,
    ...over,
  });

  it("grants the largest ceiling the tightest budget pays for, and charges the token window at it", async () => {
    const ledger = make();
    const limits = [100_000, 20_050];
    const { counters, window } = await fresh(ledger, limits);
    const result = await ledger.reserve({ ...input(counters, limits), windows: [{ counter: window, limit: 10_000, cost: 600, perOutputToken: 1 }] });
    expect(result).toMatchObject({ ok: true, outputTokens: 200, amounts: [3_000, 20_000], committed: [0, 0], windows: [{ remaining: 10_000 - 300 }] });
    expect(await ledger.peek(counters)).toEqual([3_000, 20_000]);
  });

  it("refuses under the floor, naming the tightest budget, and reserves nothing", async () => {
    const ledger = make();
    const limits = [100_000, 4_999];
    const { counters } = await fresh(ledger, limits);
    expect(await ledger.reserve(input(counters, limits))).toEqual({ ok: false, reason: "budget", index: 1, used: 0, held: 0 });
    expect(await ledger.peek(counters)).toEqual([0, 0]);
  });

  it("without clamping, the full ceiling fits or nothing", async () => {
    const ledger = make();
    const limits = [100_000, 49_999];
    const { counters } = await fresh(ledger, limits);
    expect(await ledger.reserve(input(counters, limits, { clampFloor: null }))).toMatchObject({ ok: false, reason: "budget", index: 1 });
    expect(await ledger.reserve(input(counters, [100_000, 50_000], { clampFloor: null }))).toMatchObject({ ok: true, outputTokens: 500 });
  });

  it("spends a standing hold down and gives back the rest", async () => {
    const ledger = make();
    const { counters } = await fresh(ledger, [1_000, 1_000]);
    const carve: ReserveInput = {
      ...input(counters, [1_000, 1_000]),
      holdId: "carve:x",
      items: counters.map((c) => ({ counter: c, limit: 1_000, amount: 400, perOutputToken: 0, expiresAt: NOW + HOUR })),
      outputTokens: 0,
      clampFloor: null,
    };
    expect(await ledger.reserve(carve)).toMatchObject({ ok: true });
    await ledger.transfer({ holdId: "carve:x", items: counters.map((c) => ({ counter: c, amount: 150 })) });
    expect(await ledger.peek(counters)).toEqual([400, 400]);
    await ledger.settle({ holdId: "carve:x", items: counters.map((c) => ({ counter: c, amount: 0 })), concurrency: null });
    expect(await ledger.peek(counters)).toEqual([150, 150]);
  });

  it("renews live holds past their first expiry; a settled hold is not brought back", async () => {
    const ledger = make();
    const { counters } = await fresh(ledger, [100_000, 100_000]);
    const concurrency = { counter: `${counters[0]}:cc`, max: 1 };
    const first = input(counters, [100_000, 100_000], { concurrency, holdTtlMs: 1_000, clampFloor: null });
    expect(await ledger.reserve(first)).toMatchObject({ ok: true });
    const later = (ms: number) => input(counters, [100_000, 100_000], { concurrency, holdTtlMs: 1_000, clampFloor: null, now: NOW + ms });
    await ledger.renew({ holdId: first.holdId, counters, concurrency, holdTtlMs: 1_000, now: NOW + 800 });
    // Past the first expiry (NOW + 1 s) but within the renewed one: the slot is still taken.
    expect(await ledger.reserve(later(1_500))).toEqual({ ok: false, reason: "concurrency" });
    // Not renewed again: free once the renewed expiry passed, and the budget holds swept too.
    const next = later(2_000);
    expect(await ledger.reserve(next)).toMatchObject({ ok: true, committed: [0, 0] });
    await ledger.settle({ holdId: next.holdId, items: counters.map((c) => ({ counter: c, amount: 0 })), concurrency });
    await ledger.renew({ holdId: next.holdId, counters, concurrency, holdTtlMs: 1_000, now: NOW + 2_100 });
    expect(await ledger.reserve(later(2_200))).toMatchObject({ ok: true, committed: [0, 0] });
  });

  it("a burst straddling a minute boundary admits exactly the limit in any rolling 60 s", async () => {
    const ledger = make();
    const { window } = await fresh(ledger, [1, 1]);
    const boundary = (Math.floor(NOW / 60_000) + 1) * 60_000;
    const ask = (at: number) =>
      ledger.reserve({ ...input([], [], { clampFloor: null }), items: [], now: at, windows: [{ counter: window, limit: 10, cost: 1, perOutputToken: 0 }] });
    const admitted: number[] = [];
    // 20 requests from 3 s before the boundary to 3 s after it, then a request every second after.
    for (let i = 0; i < 20; i++) {
      const at = boundary - 3_000 + i * 300;
      if ((await ask(at)).ok) admitted.push(at);
    }
    let refusedMidway: Awaited<ReturnType<typeof ask>> | null = null;
    for (let at = boundary + 3_000; at <= boundary + 70_000; at += 1_000) {
      const result = await ask(at);
      if (result.ok) admitted.push(at);
      if (at === boundary + 30_000) refusedMidway = result;
    }
    for (const start of admitted) expect(admitted.filter((at) => at >= start && at < start + 60_000).length).toBeLessThanOrEqual(10);
    expect(admitted.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => boundary - 3_000 + i * 300));
    // Room frees as each admitted request leaves the window (the first at boundary + 57 s), and a refusal says when.
    expect(admitted[10]).toBe(boundary + 57_000);
    expect(refusedMidway).toMatchObject({ ok: false, reason: "window", window: { remaining: 0, reset: boundary + 57_000 } });
  });
});
