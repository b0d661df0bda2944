// /metrics with LATCH_WORKERS > 1: each worker holds its own counters, so the worker a scrape
// reaches asks the primary, which collects every worker's registry (prom-client's
// AggregatorRegistry: counters and histograms summed) and sends the text back.
import cluster from "node:cluster";

export const METRICS_REQUEST = "latch:metrics-request";
export const METRICS_REPLY = "latch:metrics-reply";
export type MetricsRequest = { type: typeof METRICS_REQUEST; id: number };
export type MetricsReply = { type: typeof METRICS_REPLY; id: number; body?: string; error?: string };

const ASK_TIMEOUT_MS = 5_000;
let nextId = 0;

export const inCluster = () => cluster.isWorker && typeof process.send === "function";

/** Every worker's metrics in the exposition format, from the primary. */
export function clusterMetrics(): Promise<string> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      fn();
    };
    const onMessage = (message: MetricsReply) => {
      if (message?.type !== METRICS_REPLY || message.id !== id) return;
      done(() => (message.body !== undefined ? resolve(message.body) : reject(new Error(message.error ?? "no metrics"))));
    };
    const timer = setTimeout(() => done(() => reject(new Error("the primary did not answer for metrics"))), ASK_TIMEOUT_MS);
    process.on("message", onMessage);
    process.send!({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
}
