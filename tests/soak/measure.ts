// What the soak measures of the gateway besides /proc (bench/stats.ts): heap and usage backlog
// from its /metrics, latency percentiles, and the verdict on whether its RSS stayed flat.
import { percentile, sortedCopy } from "@/bench/stats";

export type Sample = {
  atMs: number;
  rssMb: number;
  peakMb: number;
  heapUsedMb: number;
  externalMb: number;
  usageBacklog: number;
  sent: number;
  cpuSec: number;
};

export async function metricsOf(url: string): Promise<{ heapUsedMb: number; externalMb: number; usageBacklog: number }> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN);
  return {
    heapUsedMb: value("latch_process_nodejs_heap_size_used_bytes") / 2 ** 20,
    externalMb: value("latch_process_nodejs_external_memory_bytes") / 2 ** 20,
    usageBacklog: value("latch_usage_queue_depth"),
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

export const percentileOf = (values: number[], p: number) => percentile(sortedCopy(values), p);

/**
 * RSS is flat when the mean of the last window (the run's last minute) is at most the mean of the
 * third window (minute 3) plus 40 MB. The first two minutes are warm-up: tsx compiles
 * modules on first use, pools and caches fill, and V8 lets the heap grow to ~100 MB before its
 * first full collection (~100 s in at 25 req/s), which then hands 50–100 MB of RSS back; minute 2
 * can sit on either side of that drop, minute 3 is after it. Means, never single samples: V8 takes
 * and returns memory in steps of several MB. In healthy runs the minute means after warm-up stay
 * within ~20 MB of each other (docs/reliability.md), so 40 MB is twice the noise; a leak that keeps
 * 4 KB per request (a request body, a closure over a reply, a listener per stream) adds 42 MB over
 * the 10,500 requests between minute 3 and the end and fails.
 */
export function rssVerdict(samples: Sample[], windowMs: number) {
  const end = samples.at(-1)!.atMs;
  const reference = samples.filter((s) => s.atMs >= 2 * windowMs && s.atMs < 3 * windowMs);
  const last = samples.filter((s) => s.atMs >= end - windowMs);
  const referenceMb = mean(reference.map((s) => s.rssMb));
  const endMb = mean(last.map((s) => s.rssMb));
  const allowedMb = referenceMb + 40;
  const requests = mean(last.map((s) => s.sent)) - mean(reference.map((s) => s.sent));
  return {
    referenceMb,
    endMb,
    allowedMb,
    pass: endMb <= allowedMb,
    growthPerKReqKb: requests > 0 ? ((endMb - referenceMb) * 1024 * 1000) / requests : 0,
    heapReferenceMb: mean(reference.map((s) => s.heapUsedMb)),
    heapEndMb: mean(last.map((s) => s.heapUsedMb)),
  };
}
