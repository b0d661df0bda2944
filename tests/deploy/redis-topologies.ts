// Real HA Redis deployments on free loopback ports, for failover tests: a 3-master cluster with a
// replica each (redis-cli --cluster create), and a master + replica watched by 3 Sentinels.
// Every process is SIGKILLed and its directory removed by stop().
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@/e2e/fixtures/free-port";

const run = promisify(execFile);
export type Node = { port: number; child: ChildProcess };

const cli = async (port: number, ...args: string[]) => (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args])).stdout.trim();

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
  });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startNode(dir: string, args: string[]): Promise<Node> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    [...args, "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--repl-diskless-sync-delay", "0", "--dir", dir],
    { stdio: "ignore" },
  );
  await until(`redis-server on ${port}`, () => listening(port), 10_000);
  return { port, child };
}

export const kill = (node: Node) =>
  new Promise<void>((resolve) => {
    if (node.child.exitCode !== null || node.child.signalCode !== null) return resolve();
    node.child.once("exit", () => resolve());
    node.child.kill("SIGKILL");
  });

export type RedisCluster = {
  nodes: Node[];
  seeds: string;
  /** The master serving the slot of a hash tag such as `{o:<orgId>}`. */
  masterFor(tag: string): Promise<Node>;
  /** Ports of the live masters. */
  masters(): Promise<number[]>;
  /** Resolves when every live node reports the cluster ok and the slot has a live master. */
  healthy(tag: string): Promise<void>;
  stop(): Promise<void>;
};

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "latch-cluster-"));
  const nodes: Node[] = [];
  const stop = async () => {
    await Promise.all(nodes.map(kill));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 6; i++)
      nodes.push(await startNode(dir, ["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${i}.conf`, "--cluster-node-timeout", "1000"]));
    await run("redis-cli", ["--cluster", "create", ...nodes.map((n) => `127.0.0.1:${n.port}`), "--cluster-replicas", "1", "--cluster-yes"]);
  } catch (err) {
    await stop();
    throw err;
  }
  const alive = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const masterFor = async (tag: string) => {
    const slot = Number(await cli(alive()[0]!.port, "CLUSTER", "KEYSLOT", tag));
    for (const node of alive()) {
      const role = await cli(node.port, "ROLE");
      if (!role.startsWith("master")) continue;
      const slots = (await cli(node.port, "CLUSTER", "NODES"))
        .split("\n")
        .find((l) => l.includes("myself"))!
        .split(" ")
        .slice(8);
      if (
        slots.some((range) => {
          const [a, b = a] = range.split("-").map(Number);
          return slot >= a! && slot <= b!;
        })
      )
        return node;
    }
    throw new Error(`no live master serves slot ${slot}`);
  };
  const healthy = (tag: string) =>
    until("a healthy cluster", async () => {
      for (const node of alive()) {
        if (!(await cli(node.port, "CLUSTER", "INFO")).includes("cluster_state:ok")) return false;
        // A replica that has not finished its first sync cannot take over.
        const replication = await cli(node.port, "INFO", "replication");
        if (replication.includes("role:slave") && !replication.includes("master_link_status:up")) return false;
      }
      await masterFor(tag);
      return true;
    });
  const masters = async () => {
    const ports: number[] = [];
    for (const node of alive()) if ((await cli(node.port, "ROLE")).startsWith("master")) ports.push(node.port);
    return ports;
  };
  await healthy("{warm-up}");
  return {
    nodes,
    seeds: nodes
      .slice(0, 3)
      .map((n) => `127.0.0.1:${n.port}`)
      .join(","),
    masterFor,
    masters,
    healthy,
    stop,
  };
}

export type RedisSentinelSet = {
  master: Node;
  replica: Node;
  sentinels: Node[];
  /** Sentinel's answer to "where is the master now". */
  masterPort(): Promise<number>;
  stop(): Promise<void>;
};

export const SENTINEL_NAME = "latchmaster";

export async function startRedisSentinels(): Promise<RedisSentinelSet> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "latch-sentinel-"));
  const all: Node[] = [];
  const stop = async () => {
    await Promise.all(all.map(kill));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const master = await startNode(dir, []);
    all.push(master);
    const replica = await startNode(dir, ["--replicaof", "127.0.0.1", String(master.port)]);
    all.push(replica);
    await until("the replica to sync", async () => (await cli(replica.port, "INFO", "replication")).includes("master_link_status:up"));
    const sentinels: Node[] = [];
    for (let i = 0; i < 3; i++) {
      // Sentinel rewrites its config file, so each gets its own.
      const conf = path.join(dir, `sentinel-${i}.conf`);
      await writeFile(
        conf,
        [
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
          "",
        ].join("\n"),
      );
      const node = await startNode(dir, [conf, "--sentinel"]);
      all.push(node);
      sentinels.push(node);
    }
    const masterPort = async () => Number((await cli(sentinels[0]!.port, "SENTINEL", "get-master-addr-by-name", SENTINEL_NAME)).split("\n")[1]);
    // Every sentinel has found the replica and the other sentinels before anything fails.
    await until("sentinels to see each other", async () => {
      for (const s of sentinels) {
        const info = await cli(s.port, "SENTINEL", "master", SENTINEL_NAME);
        const field = (name: string) => Number(info.split("\n")[info.split("\n").indexOf(name) + 1]);
        if (field("num-slaves") < 1 || field("num-other-sentinels") < 2) return false;
      }
      return true;
    });
    return { master, replica, sentinels, masterPort, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
