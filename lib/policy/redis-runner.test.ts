// With REDIS_WAIT_REPLICAS each ledger call is its own pipeline with WAIT, against a master with a
// live replica: a script's first call carries its body, so a settle whose script the master has
// not run yet, sent just ahead of a reserve whose script it has, still lands first.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { freePort } from "@/e2e/fixtures/free-port";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { settleThenReserve } from "@/tests/helpers/ledger-input";
import { RedisLedger } from "@/lib/policy/ledger/redis";
import { ioredisRunner } from "@/lib/policy/redis-runner";

vi.hoisted(() => {
  process.env.REDIS_WAIT_REPLICAS = "1";
  process.env.REDIS_WAIT_TIMEOUT_MS = "2000";
});

let master: RedisProcess;
let replica: ChildProcess;
let client: Redis;

beforeAll(async () => {
  master = await startRedisProcess();
  const port = await freePort();
  const masterPort = new URL(master.url).port;
  replica = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--replicaof", "127.0.0.1", masterPort], { stdio: "ignore" });
  client = new Redis(master.url, { enableAutoPipelining: true, maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  for (let i = 0; !/connected_slaves:1/.test(await client.info("replication")); i++) {
    if (i > 200) throw new Error("the replica did not connect");
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  client?.disconnect();
  replica?.kill("SIGKILL");
  await master?.stop();
});

describe("the ledger's calls with REDIS_WAIT_REPLICAS", () => {
  it("a first settle sent just ahead of a reserve whose script the master already ran lands first", async () => {
    await client.script("FLUSH");
    const ledger = new RedisLedger(ioredisRunner(client));
    const { settled, second } = await settleThenReserve(ledger);
    expect(settled).toEqual([100]);
    expect(second).toMatchObject({ ok: true, committed: [100] });
  });
});
