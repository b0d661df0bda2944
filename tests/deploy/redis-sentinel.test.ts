// Sentinel (a master, a replica, 3 sentinels) under a gateway with a spend cap: the master is
// killed mid-traffic and Sentinel promotes the replica. The cap holds, nothing is counted twice,
// no usage event is lost, and the window during which requests fail closed is measured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg } from "@/tests/helpers/org";
import { kill, SENTINEL_NAME, startRedisSentinels, type RedisSentinelSet } from "@/tests/deploy/redis-topologies";
import { CAP_USD, expectCapsHeldAndUsageExact, failClosedWindow, trafficThroughFailover } from "@/tests/deploy/failover-traffic";

let fake: FakeProvider;
let set: RedisSentinelSet;
let gateway: GatewayProcess;

beforeAll(async () => {
  fake = await startFakeProvider({ latencyMs: 20 });
  set = await startRedisSentinels();
  gateway = await startGatewayProcess({
    REDIS_URL: "",
    REDIS_SENTINELS: set.sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
    REDIS_SENTINEL_NAME: SENTINEL_NAME,
    REDIS_WAIT_REPLICAS: "1",
    LATCH_USAGE_CLAIM_IDLE_MS: "1000",
  });
}, 60_000);
afterAll(async () => {
  await gateway?.kill();
  await set?.stop();
  await fake?.close();
});

describe("Redis Sentinel", () => {
  it("keeps the spend cap exact when the master dies mid-traffic", async () => {
    const t = await createTestOrg(fake.url);
    const key = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP_USD }] });

    const { answers, killedAt } = await trafficThroughFailover(gateway.url, key.secret, 25, () => kill(set.master));
    const window = failClosedWindow(answers, killedAt);
    expect(await set.masterPort()).toBe(set.replica.port); // Sentinel promoted the replica
    const result = await expectCapsHeldAndUsageExact(t, key.id, answers, [set.replica.port]);
    expect(window.ms).toBeLessThan(Infinity); // served again after the failover
    console.info(
      `Redis Sentinel failover: ${result.served} served, spend $${result.spendUsd.toFixed(6)} of $${CAP_USD.toFixed(6)}; no request served for ${window.ms} ms after the kill (fail-closed window; ${window.refused} answered 503 limits_unavailable, the rest waited)`,
    );
  }, 180_000); // traffic (≤ 40 s, a request may wait 45 s) plus the usage wait (≤ 20 s), with room on a loaded machine
});
