// Budgets that stick: 50 concurrent requests against room for exactly 10, on one or two
// instances and at key, team and org level; recorded spend never exceeds the cap.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { sweepLostRequests } from "@/lib/policy/lost-requests";
import { publishInvalidation } from "@/lib/invalidation";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";

let fake: FakeProvider;
let gateway: TestGateway;
let second: GatewayProcess;

// A fixed body, so the worst case Latch reserves is known: gpt-4o-mini at $0.15 / $0.60 per 1M.
const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "race" }] });
const WORST_USD = (worstCaseInputTokens(Buffer.byteLength(BODY)) * 0.15 + 100 * 0.6) / 1e6;
const ACTUAL_USD = (10 * 0.15 + 5 * 0.6) / 1e6; // the fake provider's default usage
/** Room for exactly 10 worst cases, not 11. */
const CAP_USD = WORST_USD * 10.5;

// Each race starts a second gateway process, 50 requests and a Postgres read: bounded, not paced.
const RACE_TIMEOUT_MS = 240_000;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  second = await startGatewayProcess();
});
afterAll(async () => {
  await second.kill();
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

/** Warms every instance's key and org caches (GET /v1/models spends nothing). */
async function warm(urls: string[], secrets: string[]) {
  for (const url of urls) for (const secret of secrets) await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
}

/**
 * Fires n requests at once with the provider holding every answer, and releases them only when
 * each request has either reached the provider or been refused: so no request can settle and free
 * room before all n have reserved, on however loaded a machine.
 */
async function fire(urls: string[], secrets: string[], n: number) {
  await warm(urls, secrets);
  fake.hold();
  let answered = 0;
  const pending = Array.from({ length: n }, (_, i) =>
    fetch(`${urls[i % urls.length]}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secrets[i % secrets.length]}`, "content-type": "application/json" },
      body: BODY,
    })
      .then(async (res) => ({ status: res.status, code: res.status === 200 ? null : ((await res.json()) as { error: { code: string } }).error.code }))
      .finally(() => answered++),
  );
  await waitFor(async () => fake.requests.length + answered >= n, 60_000);
  fake.release();
  const statuses = await Promise.all(pending);
  return {
    ok: statuses.filter((s) => s.status === 200).length,
    refused: statuses.filter((s) => s.status === 429 && s.code?.endsWith("exceeded")).length,
    codes: [...new Set(statuses.flatMap((s) => (s.code ? [s.code] : [])))],
    other: statuses.filter((s) => s.status !== 200 && s.status !== 429),
  };
}

/** Spend of the org's `events` successful requests, once all have reached Postgres (the second instance flushes on its own interval). */
async function recordedSpend(where: { orgId: string }, events: number) {
  await usageQueue.flush();
  await waitFor(async () => (await db.usageEvent.count({ where: { ...where, outcome: "success" } })) >= events, 30_000);
  const sum = await db.usageEvent.aggregate({ where: { ...where, outcome: "success" }, _sum: { costUsd: true } });
  return Number(sum._sum.costUsd ?? 0);
}

describe("reserve-then-settle under concurrency", () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await createTestOrg(fake.url);
  });

  it("50 concurrent requests on one instance: exactly 10 succeed", { timeout: RACE_TIMEOUT_MS }, async () => {
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP_USD }] });
    const result = await fire([gateway.url], [secret], 50);
    expect(result).toEqual({ ok: 10, refused: 40, codes: ["budget_exceeded"], other: [] });
    expect(fake.requests).toHaveLength(10);
  });

  it("50 concurrent requests spread over two instances: exactly 10 succeed, spend stays under the cap", { timeout: RACE_TIMEOUT_MS }, async () => {
    const other = await createTestOrg(fake.url);
    const { secret } = await other.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP_USD }] });
    const result = await fire([gateway.url, second.url], [secret], 50);
    expect(result).toEqual({ ok: 10, refused: 40, codes: ["budget_exceeded"], other: [] });
    const spend = await recordedSpend({ orgId: other.org.id }, 10);
    expect(spend).toBeCloseTo(10 * ACTUAL_USD, 10);
    expect(spend).toBeLessThanOrEqual(CAP_USD);
  });

  it("a team budget holds across several keys and both instances", { timeout: RACE_TIMEOUT_MS }, async () => {
    const other = await createTestOrg(fake.url);
    const team = await db.team.create({ data: { orgId: other.org.id, slug: "ml", name: "ML" } });
    await db.budget.create({ data: { orgId: other.org.id, scope: "team", teamId: team.id, kind: "spend", period: "daily", limit: CAP_USD } });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    const keys = await Promise.all([1, 2, 3].map(() => other.key({ teamId: team.id })));
    const result = await fire(
      [gateway.url, second.url],
      keys.map((k) => k.secret),
      50,
    );
    expect(result).toEqual({ ok: 10, refused: 40, codes: ["budget_exceeded"], other: [] });
  });

  it("an org budget holds across keys of different users; the error names the scope but not the amounts", { timeout: RACE_TIMEOUT_MS }, async () => {
    const other = await createTestOrg(fake.url);
    await db.budget.create({ data: { orgId: other.org.id, scope: "org", kind: "spend", period: "monthly", limit: CAP_USD } });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    const a = await other.key();
    const b = await other.key({ ownerUserId: other.admin.id });
    const result = await fire([gateway.url, second.url], [a.secret, b.secret], 50);
    expect(result).toEqual({ ok: 10, refused: 40, codes: ["budget_exceeded"], other: [] });

    const tiny = await createTestOrg(fake.url);
    await db.budget.create({ data: { orgId: tiny.org.id, scope: "org", kind: "spend", period: "monthly", limit: WORST_USD / 2 } });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${(await tiny.key()).secret}`, "content-type": "application/json" },
      body: BODY,
    });
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(res.status).toBe(429);
    expect(res.headers.get("x-should-retry")).toBe("false");
    expect(res.headers.get("retry-after")).toBeNull();
    expect(body.error).toMatchObject({ code: "budget_exceeded", type: "rate_limit_error", scope: "org", period: "monthly", resets_at: expect.any(String) });
    expect(body.error).not.toHaveProperty("limit");
  });

  it("a key's own budget error shows the amounts", async () => {
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "daily", limit: WORST_USD / 2 }] });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: BODY,
    });
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ code: "budget_exceeded", scope: "key", period: "daily", unit: "usd", used: 0 });
    expect(body.error.limit).toBeCloseTo(WORST_USD / 2, 8);
    expect(fake.requests).toHaveLength(0);
  });

  it("token quotas work the same way", { timeout: RACE_TIMEOUT_MS }, async () => {
    const worstTokens = worstCaseInputTokens(Buffer.byteLength(BODY)) + 100;
    const { secret } = await t.key({ budgets: [{ kind: "tokens", period: "weekly", limit: worstTokens * 3 }] });
    const result = await fire([gateway.url, second.url], [secret], 12);
    expect(result).toEqual({ ok: 3, refused: 9, codes: ["token_quota_exceeded"], other: [] });
  });

  it("settles to actual usage, so later requests use what the worst case did not", async () => {
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP_USD }] });
    let ok = 0;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: BODY,
      });
      if (res.status === 200) ok++;
    }
    // Sequentially each request settles to ~$0.0000045 before the next reserves its worst case.
    expect(ok).toBe(20);
  });
});

describe("crashed instances", () => {
  // Long enough that the dead instance's hold is surely still there when checked, however slow
  // the machine; its expiry is then reached by moving this process's clock, not by waiting.
  const HOLD_TTL_MS = 10 * 60_000;

  // The provider received it and may bill all of it: past the TTL its hold becomes spend (not room).
  it("the hold of a killed in-flight request is counted as spent once the hold TTL passes", { timeout: RACE_TIMEOUT_MS }, async () => {
    const t = await createTestOrg(fake.url);
    const crashy = await startGatewayProcess({ LATCH_HOLD_TTL_MS: String(HOLD_TTL_MS) });
    const { id, secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: WORST_USD * 1.5 }] });
    fake.hold();
    const inflight = fetch(`${crashy.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: BODY,
    }).catch(() => null);
    await fake.waitForRequests(1);
    await crashy.kill("SIGKILL");
    await inflight;
    fake.release();
    const post = () =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: BODY,
      });
    expect((await post()).status).toBe(429); // the dead instance's hold is still there
    // Holds expire by a score compared with the reserving gateway's clock (this process's, here).
    vi.setSystemTime(Date.now() + HOLD_TTL_MS + 1_000);
    try {
      expect(await sweepLostRequests()).toBeGreaterThanOrEqual(1);
      // Another file's instance may sweep it first: its event then reaches Postgres through the
      // shared stream, a moment later. Waited for by the monotonic clock (Date is frozen here).
      const deadline = performance.now() + 30_000;
      let lost = null;
      while (!lost && performance.now() < deadline) {
        await usageQueue.flush();
        lost = await db.usageEvent.findFirst({ where: { keyId: id, errorCode: "instance_lost" } });
        if (!lost) await new Promise((r) => setTimeout(r, 100));
      }
      expect(Number(lost?.costUsd)).toBeCloseTo(WORST_USD, 9);
      const res = await post();
      expect({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({ status: 429, code: "budget_exceeded" });
    } finally {
      vi.useRealTimers();
    }
  });
});
