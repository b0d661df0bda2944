// Prometheus metrics. Labels are bounded and carry no tenant's data: provider, endpoint, outcome,
// reason, and a model label that is the shipped price catalog's id for the model (a bounded,
// public list), or "other" for anything else (org-specific names, fine-tunes, junk a client sent).
// Per-key and per-org series are deliberately absent; those numbers live in the usage tables.
import client from "prom-client";
import { usageQueue } from "@/lib/usage/queue";
import { resolveCatalogPrice } from "@/lib/usage/price-catalog";
import { clusterMetrics, inCluster } from "@/lib/metrics-cluster";

function build() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "latch_process_" });
  const labelModel = (provider: string | null, model: string | null) => {
    if (!model) return "none";
    return (provider && resolveCatalogPrice(provider, model)?.catalogModel) || "other";
  };
  const requests = new client.Counter({
    name: "latch_requests_total",
    help: "Proxied requests by outcome",
    labelNames: ["endpoint", "provider", "model", "outcome", "status"],
    registers: [registry],
  });
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
  const tokens = new client.Counter({
    name: "latch_tokens_total",
    help: "Tokens by direction",
    labelNames: ["provider", "model", "direction"],
    registers: [registry],
  });
  const spend = new client.Counter({
    name: "latch_spend_usd_total",
    help: "Spend in USD from the price catalog",
    labelNames: ["provider", "model"],
    registers: [registry],
  });
  const overReservation = new client.Counter({
    name: "latch_usage_over_reservation_total",
    help: "Requests a provider billed past their reservation (caps settled at the reservation)",
    labelNames: ["provider"],
    registers: [registry],
  });
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
  const latency = new client.Histogram({
    name: "latch_request_duration_seconds",
    help: "Total request duration",
    labelNames: ["endpoint", "provider"],
    buckets,
    registers: [registry],
  });
  const ttft = new client.Histogram({
    name: "latch_time_to_first_token_seconds",
    help: "Time to the first byte sent to the client",
    labelNames: ["endpoint", "provider"],
    buckets,
    registers: [registry],
  });
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

// The labelled children a request increments, kept per label combination: prom-client hashes a
// label object on every inc/observe (sorting its keys). Each child is made on first use (a
// series appears once it has a value, as before); bounded like the labels (models collapse).
type Child = { inc(v?: number): void; observe(v: number): void };
type Series = { labels: [endpoint: string, provider: string, model: string, outcome: string, status: string]; children: Map<string, Child> };
const series = new Map<string, Series>();
const MAX_SERIES = 20_000;

function seriesFor(endpoint: string, provider: string, model: string, outcome: string, status: number): Series {
  const key = `${endpoint}\u0000${provider}\u0000${model}\u0000${outcome}\u0000${status}`;
  let found = series.get(key);
  if (!found) {
    if (series.size >= MAX_SERIES) series.clear();
    found = { labels: [endpoint, provider, model, outcome, String(status)], children: new Map() };
    series.set(key, found);
  }
  return found;
}

const CHILDREN = {
  requests: ([endpoint, provider, model, outcome, status]: Series["labels"]) => metrics.requests.labels({ endpoint, provider, model, outcome, status }),
  inputTokens: ([, provider, model]: Series["labels"]) => metrics.tokens.labels({ provider, model, direction: "input" }),
  outputTokens: ([, provider, model]: Series["labels"]) => metrics.tokens.labels({ provider, model, direction: "output" }),
  spend: ([, provider, model]: Series["labels"]) => metrics.spend.labels({ provider, model }),
  latency: ([endpoint, provider]: Series["labels"]) => metrics.latency.labels({ endpoint, provider }),
  ttft: ([endpoint, provider]: Series["labels"]) => metrics.ttft.labels({ endpoint, provider }),
};

function child(s: Series, name: keyof typeof CHILDREN): Child {
  let found = s.children.get(name);
  if (!found) s.children.set(name, (found = CHILDREN[name](s.labels) as unknown as Child));
  return found;
}

/** Called once per request from the meter; a handful of in-memory increments. */
export function observeRequest(e: Observed): void {
  const provider = e.provider ?? "none";
  const s = seriesFor(e.endpoint, provider, metrics.labelModel(e.provider, e.model), e.outcome, e.status);
  child(s, "requests").inc();
  if (e.outcome === "rejected") metrics.rejections.inc({ reason: e.errorCode ?? "unknown" });
  if (e.outcome === "provider_error") metrics.upstreamErrors.inc({ provider, code: e.errorCode ?? "unknown" });
  if (e.inputTokens) child(s, "inputTokens").inc(e.inputTokens);
  if (e.outputTokens) child(s, "outputTokens").inc(e.outputTokens);
  if (e.costUsd) child(s, "spend").inc(e.costUsd);
  child(s, "latency").observe(e.latencyMs / 1000);
  if (e.ttftMs !== null) child(s, "ttft").observe(e.ttftMs / 1000);
}

/** A provider billed past the reservation its request was admitted with. */
export function observeOverReservation(provider: string | null): void {
  metrics.overReservation.inc({ provider: provider ?? "none" });
}
