import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Cluster, Redis } from "ioredis";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner } from "@/lib/policy/redis-runner";
import { settleThenReserve } from "@/tests/helpers/ledger-input";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg } from "@/tests/helpers/org";
import { kill, startRedisCluster, type RedisCluster } from "@/tests/deploy/redis-topologies";
import { CAP_USD, expectCapsHeldAndUsageExact, failClosedWindow, trafficThroughFailover } from "@/tests/deploy/failover-traffic";

let fake: FakeProvider;
let cluster: RedisCluster;
let gateway: GatewayProcess;

beforeAll(async () => {
  fake = await startFakeProvider({ latencyMs: 20 });
  cluster = await startRedisCluster();
  gateway = await startGatewayProcess({ REDIS_URL: "", REDIS_CLUSTER_NODES: cluster.seeds, REDIS_WAIT_REPLICAS: "1", LATCH_USAGE_CLAIM_IDLE_MS: "1000" });
}, 60_000);
afterAll(async () => {
  await gateway?.kill();
  await cluster?.stop();
  await fake?.close();
});

describe("Redis Cluster", () => {
  it("a tag's first settle, riding ahead of a reserve whose script its node already ran, lands first", async () => {
    const client = new Cluster(
      cluster.seeds.split(",").map((seed) => ({ host: "127.0.0.1", port: Number(seed.split(":")[1]) })),
      {
        enableAutoPipelining: true,
      },
    );
    try {
      // No master has run a script yet, whatever ran before.
      for (const port of await cluster.masters()) {
        const node = new Redis({ host: "127.0.0.1", port });
        await node.script("FLUSH");
        node.disconnect();
      }
      const ledger = new RedisLedger(ioredisRunner(client));
      const { settled, second } = await settleThenReserve(ledger);
      expect(settled).toEqual([100]);
      expect(second).toMatchObject({ ok: true, committed: [100] });
    } finally {
      client.disconnect();
    }
  });

  it("keeps the spend cap exact when the org's master dies mid-traffic", async () => {
    const t = await createTestOrg(fake.url);
    const key = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP_USD }] });
    const tag = `{o:${t.org.id}}`;
    const doomed = await cluster.masterFor(tag);

    const { answers, killedAt } = await trafficThroughFailover(gateway.url, key.secret, 25, () => kill(doomed));
    const window = failClosedWindow(answers, killedAt);
    expect((await cluster.masterFor(tag)).port).not.toBe(doomed.port); // its replica took over
    const result = await expectCapsHeldAndUsageExact(t, key.id, answers, await cluster.masters());
    expect(window.ms).toBeLessThan(Infinity); // served again after the failover
    console.info(
      `Redis Cluster failover: ${result.served} served, spend $${result.spendUsd.toFixed(6)} of $${CAP_USD.toFixed(6)}; no request served for ${window.ms} ms after the kill (fail-closed window; ${window.refused} answered 503 limits_unavailable, the rest waited)`,
    );
  }, 180_000); // traffic (≤ 40 s, a request may wait 45 s) plus the usage wait (≤ 20 s), with room on a loaded machine
});
