// Prometheus metrics. Labels are bounded and carry no tenant's data: provider, endpoint, outcome,
// reason, and a model label that is the shipped price catalog's id for the model (a bounded,
// public list), or "other" for anything else (org-specific names, fine-tunes, junk a client sent).
// Per-key and per-org series are deliberately absent; those numbers live in the usage tables.
import client from "prom-client";
import { usageQueue } from "@/lib/usage/queue";
import { resolveCatalogPrice } from "@/lib/usage/price-catalog";
import { clusterMetrics, inCluster } from "@/lib/metrics-cluster";
import { CounterSeries, HistogramSeries, type CounterCell, type HistogramCell } from "@/lib/metrics-series";

function build() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "latch_process_" });
  const labelModel = (provider: string | null, model: string | null) => {
    if (!model) return "none";
    return (provider && resolveCatalogPrice(provider, model)?.catalogModel) || "other";
  };
  // Incremented by every request: plain-number series (lib/metrics-series.ts), not prom-client's.
  const requests = new CounterSeries("latch_requests_total", "Proxied requests by outcome", registry);
  const rejections = new client.Counter({
    name: "latch_rejections_total",
    help: "Requests refused before reaching a provider, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  const upstreamErrors = new client.Counter({
    name: "latch_upstream_errors_total",
    help: "Provider errors and unreachable providers",
    labelNames: ["provider", "code"],
    registers: [registry],
  });
  const tokens = new CounterSeries("latch_tokens_total", "Tokens by direction", registry);
  const spend = new CounterSeries("latch_spend_usd_total", "Spend in USD from the price catalog", registry);
  const overReservation = new client.Counter({
    name: "latch_usage_over_reservation_total",
    help: "Requests a provider billed past their reservation (caps settled at the reservation)",
    labelNames: ["provider"],
    registers: [registry],
  });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
  const latency = new HistogramSeries("latch_request_duration_seconds", "Total request duration", buckets, registry);
  const ttft = new HistogramSeries("latch_time_to_first_token_seconds", "Time to the first byte sent to the client", buckets, registry);
  new client.Gauge({
    name: "latch_usage_queue_depth",
    help: "Usage events waiting to be written to Postgres",
    registers: [registry],
    // The stream's backlog is shared: every worker reports it, so summing would count it N times.
    aggregator: "max",
    async collect() {
      const stats = await usageQueue.stats();
      this.set(stats.waiting + Math.max(0, stats.streamBacklog));
    },
  });
  // Workers answer the primary's collection with this registry (LATCH_WORKERS > 1); prom-client
  // starts listening for the primary's requests when an AggregatorRegistry is first made.
  if (inCluster()) {
    new client.AggregatorRegistry();
    client.AggregatorRegistry.setRegistries([registry]);
  }
  return { registry, labelModel, requests, rejections, upstreamErrors, tokens, spend, latency, ttft, overReservation };
}

const holder = globalThis as unknown as { latchMetrics?: ReturnType<typeof build> };
export const metrics = (holder.latchMetrics ??= build());

export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const body = inCluster() ? await clusterMetrics() : await metrics.registry.metrics();
  return { body, contentType: metrics.registry.contentType };
}

type Observed = {
  endpoint: string;
  provider: string | null;
  model: string | null;
  outcome: string;
  status: number;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  latencyMs: number;
  ttftMs: number | null;
};

// The cells a request adds to, kept per label combination (bounded like the labels: models
// collapse to the catalog's ids). Each series appears once it has a value.
type Cells = { requests: CounterCell; inputTokens: CounterCell; outputTokens: CounterCell; spend: CounterCell; latency: HistogramCell; ttft: HistogramCell };
const cellsByLabels = new Map<string, Cells>();
const MAX_SERIES = 20_000;
function cellsFor(endpoint: string, provider: string, providerOrNull: string | null, modelName: string | null, outcome: string, status: number): Cells {
  const id = `${endpoint}\u0000${provider}\u0000${modelName}\u0000${outcome}\u0000${status}`;
  let found = cellsByLabels.get(id);
  if (!found) {
    if (cellsByLabels.size >= MAX_SERIES) cellsByLabels.clear();
    const model = metrics.labelModel(providerOrNull, modelName);
    found = {
      requests: metrics.requests.cell({ endpoint, provider, model, outcome, status: String(status) }),
      inputTokens: metrics.tokens.cell({ provider, model, direction: "input" }),
      outputTokens: metrics.tokens.cell({ provider, model, direction: "output" }),
      spend: metrics.spend.cell({ provider, model }),
      latency: metrics.latency.cell({ endpoint, provider }),
      ttft: metrics.ttft.cell({ endpoint, provider }),
    };
    cellsByLabels.set(id, found);
  }
  return found;
}

/** Called once per request from the meter; a handful of in-memory increments. */
export function observeRequest(e: Observed): void {
  const provider = e.provider ?? "none";
  const cells = cellsFor(e.endpoint, provider, e.provider, e.model, e.outcome, e.status);
  cells.requests.value++;
  if (e.outcome === "rejected") metrics.rejections.inc({ reason: e.errorCode ?? "unknown" });
  if (e.outcome === "provider_error") metrics.upstreamErrors.inc({ provider, code: e.errorCode ?? "unknown" });
  cells.inputTokens.value += e.inputTokens;
  cells.outputTokens.value += e.outputTokens;
  if (e.costUsd) cells.spend.value += e.costUsd;
  cells.latency.observe(e.latencyMs / 1000);
  if (e.ttftMs !== null) cells.ttft.observe(e.ttftMs / 1000);
}

/** A provider billed past the reservation its request was admitted with. */
export function observeOverReservation(provider: string | null): void {
  metrics.overReservation.inc({ provider: provider ?? "none" });
}
