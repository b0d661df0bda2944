// The plain-number series must render exactly as prom-client's own Counter and Histogram would
// for the same observations, alone and summed across workers.
import { describe, expect, it } from "vitest";
import client from "prom-client";
import { CounterSeries, HistogramSeries } from "@/lib/metrics-series";

const BOUNDS = [0.005, 0.01, 0.1, 1, 10];
const OBSERVED = [0.001, 0.005, 0.0051, 0.2, 3, 11, 999];

function both() {
  const ours = new client.Registry();
  const theirs = new client.Registry();
  const counter = new CounterSeries("t_requests_total", "Requests", ours);
  const histogram = new HistogramSeries("t_duration_seconds", "Duration", BOUNDS, ours);
  const pc = new client.Counter({ name: "t_requests_total", help: "Requests", labelNames: ["endpoint", "status"], registers: [theirs] });
  const ph = new client.Histogram({ name: "t_duration_seconds", help: "Duration", labelNames: ["endpoint"], buckets: BOUNDS, registers: [theirs] });
  for (const [endpoint, n] of [
    ["chat", 3],
    ["embeddings", 1],
  ] as const) {
    const cell = counter.cell({ endpoint, status: "200" });
    const hist = histogram.cell({ endpoint });
    for (let i = 0; i < n; i++) {
      cell.value++;
      pc.inc({ endpoint, status: "200" });
      for (const v of OBSERVED) {
        hist.observe(v);
        ph.observe({ endpoint }, v);
      }
    }
  }
  // A cell made but never used renders nothing, like a prom-client child never incremented.
  counter.cell({ endpoint: "messages", status: "500" });
  return { ours, theirs };
}

describe("plain-number metric series", () => {
  it("render the same exposition text as prom-client's Counter and Histogram", async () => {
    const { ours, theirs } = both();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it("sum across workers like prom-client's metrics", async () => {
    const a = both();
    const b = both();
    const merged = async (rs: client.Registry[]) => client.AggregatorRegistry.aggregate(await Promise.all(rs.map((r) => r.getMetricsAsJSON()))).metrics();
    expect(await merged([a.ours, b.ours])).toBe(await merged([a.theirs, b.theirs]));
    expect(await merged([a.ours, b.ours])).toContain('t_requests_total{endpoint="chat",status="200"} 6');
  });
});
