// Limits in the embedded (in-process) mode, during a Redis outage, after a Redis flush, and
// across a period boundary.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { usageQueue } from "@/lib/usage/queue";
import { hashSecret } from "@/lib/security/tokens";
import { getKeyByHash } from "@/lib/gateway/key-cache";
import { getOrgSnapshot } from "@/lib/gateway/org-cache";
import { acquireLimits } from "@/lib/policy/limits";
import { flatPrice } from "@/lib/usage/price-rates";
import { publishInvalidation } from "@/lib/invalidation";

// Tests that start a gateway process: its start-up alone can take tens of seconds on a loaded machine.
const PROCESS_TEST_TIMEOUT_MS = 240_000;

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "x" }] });
const post = (url: string, secret: string) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: BODY });

describe("embedded mode (no Redis)", () => {
  it("enforces the budget race in process: exactly 10 of 50", { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const embedded = await startGatewayProcess({ REDIS_URL: "" });
    try {
      const key = await t.key({
        budgets: [{ kind: "tokens", period: "daily", limit: 10 * (Math.ceil(Buffer.byteLength(BODY) / 2) + 100) + 5 }],
        rpmLimit: 1000,
      });
      await fetch(`${embedded.url}/v1/models`, { headers: { authorization: `Bearer ${key.secret}` } });
      // Every answer is held until each request has reached the provider or been refused, so none
      // settles (and frees room) before all 50 have reserved.
      fake.hold();
      let answered = 0;
      const pending = Array.from({ length: 50 }, () =>
        post(embedded.url, key.secret)
          .then((r) => r.status)
          .finally(() => answered++),
      );
      await waitFor(async () => fake.requests.length + answered >= 50, 60_000);
      fake.release();
      const statuses = await Promise.all(pending);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    } finally {
      await embedded.kill();
    }
  });
});

describe("Redis outage", () => {
  it("fails closed by default: a clean 503, quickly, and nothing forwarded", { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const cut = await startGatewayProcess({ REDIS_URL: "redis://127.0.0.1:1", LATCH_REDIS_COMMAND_TIMEOUT_MS: "1000" });
    try {
      const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: 10 }] });
      const started = Date.now();
      const res = await post(cut.url, secret);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("limits_unavailable");
      // Bounded by the Redis connect (2 s) and command (1 s) timeouts rather than hanging; the
      // margin is wide because the machine may be loaded.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await cut.kill();
    }
  });

  it("fails open on an in-process limiter when the org chose so", { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const other = await createTestOrg(fake.url);
    await db.organization.update({ where: { id: other.org.id }, data: { budgetFailMode: "open" } });
    const cut = await startGatewayProcess({ REDIS_URL: "redis://127.0.0.1:1" });
    try {
      const { secret } = await other.key({ budgets: [{ kind: "spend", period: "monthly", limit: 10 }], rpmLimit: 2 });
      expect((await post(cut.url, secret)).status).toBe(200);
      expect((await post(cut.url, secret)).status).toBe(200);
      expect((await post(cut.url, secret)).status).toBe(429); // the local window still applies
    } finally {
      await cut.kill();
    }
  });
});

describe("Redis flush", () => {
  it("rebuilds the period's spend from Postgres, so the cap still holds", async () => {
    const other = await createTestOrg(fake.url);
    const worstTokens = Math.ceil(Buffer.byteLength(BODY) / 2) + 100;
    const { secret } = await other.key({ budgets: [{ kind: "tokens", period: "monthly", limit: worstTokens + 29 }] });
    // Each request settles at 15 tokens: two fit under worst + 29; a third (30 + worst) does not.
    expect((await post(gateway.url, secret)).status).toBe(200);
    expect((await post(gateway.url, secret)).status).toBe(200);
    await usageQueue.flush();
    if (redis.kind === "redis") {
      const keys = await redis.client.keys(`${redis.prefix}{o:${other.org.id}}*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.client.del(...keys);
    }
    const res = await post(gateway.url, secret);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("token_quota_exceeded");
  });
});

describe("period boundaries", () => {
  it("a monthly cap refuses at the end of the month and resets at the org's local midnight on the 1st", async () => {
    const other = await createTestOrg(fake.url);
    await db.organization.update({ where: { id: other.org.id }, data: { timeZone: "America/New_York" } });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    const { secret } = await other.key({ budgets: [{ kind: "tokens", period: "monthly", limit: 1_000 }] });
    const key = (await getKeyByHash(hashSecret(secret)))!;
    const org = (await getOrgSnapshot(other.org.id))!;
    const request = (now: number, id: string) =>
      acquireLimits({ requestId: id, key, org, estimatedInputTokens: 100, maxOutputTokens: 500, price: flatPrice(1, 1), now });

    const beforeMidnight = Date.parse("2027-01-01T04:59:00Z"); // 23:59 on Dec 31 in New York
    const lease = await request(beforeMidnight, "a");
    // Settling runs in the background; "b" is refused whether it finds a's hold or a's settled 600.
    lease.settle({ inputTokens: 100, outputTokens: 500, cachedInputTokens: 0 }, null);
    await expect(request(beforeMidnight + 30_000, "b")).rejects.toMatchObject({
      code: "token_quota_exceeded",
      details: { resets_at: "2027-01-01T05:00:00.000Z" },
    });
    const next = await request(Date.parse("2027-01-01T05:00:00Z"), "c");
    next.release();
  });
});
