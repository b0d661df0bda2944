// Redis killed under steady traffic, then restarted empty: fail-closed orgs get quick, clean
// 503s and no cap is exceeded; fail-open orgs keep being served; after Redis returns, counters
// are rebuilt from Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { createTestOrg, waitFor } from "@/tests/helpers/org";
import { db } from "@/lib/db";

const OUTAGE_MS = Number(process.env.CHAOS_OUTAGE_MS ?? 30_000);
// Far above any request's time on a loaded machine, so a request that waited for a command
// timeout cannot pass for one answered at once: during the outage each request gives up after
// SLOWEST_MS; otherwise (a cold gateway's first requests on a loaded machine) after a minute.
const COMMAND_TIMEOUT_MS = 120_000;
const SLOWEST_MS = 40_000;
let fake: FakeProvider;
let redis: RedisProcess;
let gateway: GatewayProcess;

beforeAll(async () => {
  fake = await startFakeProvider();
  redis = await startRedisProcess();
  gateway = await startGatewayProcess({ REDIS_URL: redis.url, LATCH_USAGE_CLAIM_IDLE_MS: "1000", LATCH_REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS) });
});
afterAll(async () => {
  await gateway.kill();
  await redis.stop();
  await fake.close();
});

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 10, messages: [{ role: "user", content: "x" }] });
async function post(secret: string, timeoutMs = 60_000) {
  const started = Date.now();
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: BODY,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const code = res.status === 200 ? null : ((await res.json()) as { error: { code: string } }).error.code;
  return { status: res.status, code, ms: Date.now() - started };
}

describe("Redis outage", () => {
  it(
    "follows each org's fail mode, never hangs, and keeps caps after Redis returns empty",
    async () => {
      const closed = await createTestOrg(fake.url);
      const open = await createTestOrg(fake.url);
      await db.organization.update({ where: { id: open.org.id }, data: { budgetFailMode: "open" } });
      const worst = Math.ceil(Buffer.byteLength(BODY) / 2) + 10;
      // Room for 12 settled requests (15 tokens each) plus one worst case.
      const capped = await closed.key({ budgets: [{ kind: "tokens", period: "monthly", limit: 12 * 15 + worst }] });
      const tolerant = await open.key({ budgets: [{ kind: "tokens", period: "monthly", limit: 1_000_000 }] });

      for (let i = 0; i < 6; i++) expect((await post(capped.secret)).status).toBe(200);
      // Usage reaches Postgres through the stream: wait for all 6, or the rebuild below would count fewer.
      await waitFor(async () => (await db.usageEvent.count({ where: { keyId: capped.id, outcome: "success" } })) === 6, 60_000);

      await redis.stop();
      const outage: { closed: Awaited<ReturnType<typeof post>>[]; open: Awaited<ReturnType<typeof post>>[] } = { closed: [], open: [] };
      const until = Date.now() + OUTAGE_MS;
      while (Date.now() < until) {
        outage.closed.push(await post(capped.secret, SLOWEST_MS));
        outage.open.push(await post(tolerant.secret, SLOWEST_MS));
        await new Promise((r) => setTimeout(r, 20)); // steady traffic, not a flood
      }
      console.info(
        `Redis down ${OUTAGE_MS / 1000} s: fail-closed org ${outage.closed.length} requests (all 503 limits_unavailable), fail-open org ${outage.open.length} (all 200); slowest ${Math.max(...outage.closed.map((r) => r.ms), ...outage.open.map((r) => r.ms))} ms`,
      );
      expect(outage.closed.every((r) => r.status === 503 && r.code === "limits_unavailable")).toBe(true);
      expect(outage.open.every((r) => r.status === 200)).toBe(true);
      // Known at once to be down: no request waited for the (120 s) command timeout or a reconnect;
      // one that had would have been cut off at SLOWEST_MS and thrown above.
      expect(Math.max(...outage.closed.map((r) => r.ms), ...outage.open.map((r) => r.ms))).toBeLessThan(SLOWEST_MS);

      await redis.start(); // empty: every counter must come back from Postgres
      // Until the gateway has reconnected (its retry back-off), requests still fail closed at once.
      let served = 0;
      let answered = 0;
      const deadline = Date.now() + 90_000; // a bound for a gateway that never reconnects
      while (answered < 20 && Date.now() < deadline) {
        const r = await post(capped.secret);
        if (r.status === 503 && r.code === "limits_unavailable") {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        answered++;
        if (r.status === 200) served++;
        else expect(r.code).toBe("token_quota_exceeded");
      }
      expect(answered).toBe(20);
      // Rebuilt at 90 tokens, each request reserves its worst case and settles at 15: exactly 7 more
      // fit under the cap. Had the restart forgotten the first 6, 13 would have.
      expect(served).toBe(7);
      expect(served).toBeGreaterThan(0);
      const tokens = await db.usageEvent.aggregate({ where: { keyId: capped.id, outcome: "success" }, _sum: { inputTokens: true, outputTokens: true } });
      expect((tokens._sum.inputTokens ?? 0) + (tokens._sum.outputTokens ?? 0)).toBeLessThanOrEqual(12 * 15 + worst);
    },
    OUTAGE_MS + 240_000,
  );
});
