// The node:cluster primary of LATCH_WORKERS > 1: forks the server processes (one per core by
// default) that share the listening port, and only supervises them. A worker that dies is
// replaced (after a growing pause if it keeps dying young); SIGHUP replaces them one at a time
// (the next is stopped only once its successor listens, so the port always has a server);
// SIGTERM/SIGINT drain them all (each finishes its requests and usage, as a single process does).
// It also answers the workers' requests for /metrics, summed over every worker.
import cluster, { type Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { env } from "@/lib/env";
import { METRICS_REPLY, METRICS_REQUEST, type MetricsReply, type MetricsRequest } from "@/lib/metrics-cluster";

const YOUNG_MS = 10_000;
const MAX_PAUSE_MS = 30_000;

const log = (message: string) => console.log(`Latch primary ${process.pid}: ${message}`);

export async function runPrimary(count: number): Promise<void> {
  const slots = new Map<number, Worker>(); // slot → its current worker
  const startedAt = new Map<Worker, number>();
  const crashes = new Map<number, number>(); // slot → deaths in a row before YOUNG_MS
  const retiring = new Set<Worker>();
  const candidates = new Set<Worker>();
  let everListened = false;
  let stopping = false;
  let reloading = false;

  const fork = (slot: number): Worker => {
    const worker = cluster.fork({ LATCH_WORKER_SLOT: String(slot) });
    slots.set(slot, worker);
    startedAt.set(worker, Date.now());
    worker.once("listening", () => (everListened = true));
    worker.once("exit", (code, signal) => onExit(slot, worker, code, signal));
    return worker;
  };

  const onExit = (slot: number, worker: Worker, code: number | null, signal: string | null) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (retiring.delete(worker) || candidates.has(worker) || stopping) return finishIfStopped();
    if (slots.get(slot) !== worker) return;
    log(`worker ${worker.process.pid} exited (${signal ?? `code ${code}`})`);
    // Never served at all (a bad setting, an unreachable dependency at start): like a single process, stop.
    if (!everListened) {
      log("no worker started; stopping");
      return void stop("startup failure", 1);
    }
    const inARow = lived < YOUNG_MS ? (crashes.get(slot) ?? 0) + 1 : 0;
    crashes.set(slot, inARow);
    const pause = inARow ? Math.min(MAX_PAUSE_MS, 250 * 2 ** inARow) : 0;
    setTimeout(() => stopping || slots.get(slot) !== worker || fork(slot), pause);
  };

  const exited = (worker: Worker) => new Promise<void>((resolve) => (worker.isDead() ? resolve() : worker.once("exit", () => resolve())));
  const listening = (worker: Worker) =>
    new Promise<boolean>((resolve) => {
      worker.once("listening", () => resolve(true));
      worker.once("exit", () => resolve(false));
    });

  const reload = async () => {
    if (reloading || stopping) return;
    reloading = true;
    log("SIGHUP: replacing workers one at a time");
    try {
      for (const [slot, old] of [...slots]) {
        const fresh = fork(slot);
        candidates.add(fresh);
        const ok = await listening(fresh);
        candidates.delete(fresh);
        if (!ok) {
          // The new code or settings do not start: keep the running workers.
          slots.set(slot, old);
          log(`a new worker did not start; reload stopped, ${old.process.pid} kept`);
          return;
        }
        retiring.add(old);
        old.process.kill("SIGTERM"); // drains its requests, then exits
        await exited(old);
      }
      log("reload done");
    } finally {
      reloading = false;
    }
  };

  let exitCode = 0;
  const finishIfStopped = () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  const stop = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    log(`${why}: draining ${Object.keys(cluster.workers ?? {}).length} worker(s)`);
    const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    for (const worker of all) worker.process.kill("SIGTERM");
    // Each worker bounds its own drain by LATCH_SHUTDOWN_GRACE_MS; this only catches a hung one.
    setTimeout(() => {
      for (const worker of all) if (!worker.isDead()) worker.process.kill("SIGKILL");
      exitCode = 1;
    }, env.LATCH_SHUTDOWN_GRACE_MS + 10_000).unref();
    await Promise.all(all.map((w) => exited(w).then(() => (w.process.exitCode ? (exitCode = exitCode || 1) : 0))));
    process.exit(exitCode);
  };

  // /metrics, asked by whichever worker the scrape reached: every worker's registry, summed.
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: MetricsRequest) => {
    if (message?.type !== METRICS_REQUEST) return;
    const reply = (r: Omit<MetricsReply, "type" | "id">) => worker.isConnected() && worker.send({ type: METRICS_REPLY, id: message.id, ...r });
    aggregator.clusterMetrics().then(
      (body) => reply({ body }),
      (err: unknown) => reply({ error: String(err) }),
    );
  });

  process.on("SIGHUP", () => void reload());
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  log(`starting ${count} workers (LATCH_WORKERS=${process.env.LATCH_WORKERS})`);
  for (let slot = 0; slot < count; slot++) fork(slot);
}
