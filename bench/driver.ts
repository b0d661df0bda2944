// The load generator: closed loop (N clients, each sends its next request when the previous
// one ended) and open loop (requests sent on a fixed schedule whatever the target does;
// latency counts from the scheduled send time, so a stalled target cannot hide its queue).
// Runs on undici's Pool; reads every body to the end and checks it.
import { Pool } from "undici";

export type RequestSpec = {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
};

export type Load = { kind: "closed"; concurrency: number } | { kind: "open"; rate: number };

export type Sample = { latency: number; ttfb: number };

export type RunResult = {
  samples: Sample[];
  errors: number;
  dropped: number;
  /** Wall time of the measured window (ms): first send to last completion. */
  elapsedMs: number;
  /** A few Server-Timing header values, when the target sends one. */
  serverTimings: string[];
  errorExamples: string[];
};

const REQUEST_TIMEOUT_MS = 10_000;
/** Open loop: scheduled sends beyond this many outstanding requests are dropped, not queued. */
const MAX_OUTSTANDING = 1_000;

type Outcome = { ok: true; ttfbAt: number; endAt: number; timing: string | null } | { ok: false; reason: string; timedOut: boolean };

export async function send(pool: Pool, spec: RequestSpec, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Outcome> {
  try {
    const { statusCode, headers, body } = await pool.request({
      path: spec.path,
      method: "POST",
      headers: spec.headers,
      body: spec.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    let ttfbAt = 0;
    let tail = "";
    for await (const chunk of body) {
      if (ttfbAt === 0) ttfbAt = performance.now();
      tail = (tail + (chunk as Buffer).toString("latin1")).slice(-96);
    }
    const endAt = performance.now();
    if (ttfbAt === 0) ttfbAt = endAt;
    if (statusCode !== 200) return { ok: false, reason: `HTTP ${statusCode}: ${tail}`, timedOut: false };
    const complete = spec.stream ? tail.endsWith("data: [DONE]\n\n") : tail.trimEnd().endsWith("}");
    if (!complete) return { ok: false, reason: `incomplete body: …${tail}`, timedOut: false };
    const timing = headers["server-timing"];
    return { ok: true, ttfbAt, endAt, timing: typeof timing === "string" ? timing : null };
  } catch (err) {
    const code = (err as { code?: string }).code ?? "";
    return { ok: false, reason: `${code} ${(err as Error).message}`, timedOut: code.includes("TIMEOUT") };
  }
}

function collector() {
  const result: RunResult = { samples: [], errors: 0, dropped: 0, elapsedMs: 0, serverTimings: [], errorExamples: [] };
  const record = (outcome: Outcome, startAt: number) => {
    if (outcome.ok) {
      result.samples.push({ latency: outcome.endAt - startAt, ttfb: outcome.ttfbAt - startAt });
      if (outcome.timing && result.samples.length % 16 === 1) result.serverTimings.push(outcome.timing);
    } else if (outcome.timedOut) {
      result.dropped++;
    } else {
      result.errors++;
      if (result.errorExamples.length < 3) result.errorExamples.push(outcome.reason.slice(0, 200));
    }
  };
  return { result, record };
}

async function closedLoop(pool: Pool, spec: RequestSpec, concurrency: number, durationMs: number, record: ((o: Outcome, s: number) => void) | null) {
  const start = performance.now();
  const deadline = start + durationMs;
  let lastEnd = start;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const sentAt = performance.now();
        const outcome = await send(pool, spec);
        lastEnd = performance.now();
        record?.(outcome, sentAt);
      }
    }),
  );
  return lastEnd - start;
}

/** Open loop: after the last scheduled send, answers still missing after `drainMs` are dropped. */
async function openLoop(
  pool: Pool,
  spec: RequestSpec,
  rate: number,
  durationMs: number,
  drainMs: number,
  record: ((o: Outcome, s: number) => void) | null,
  onDrop: () => void,
) {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const start = performance.now() + 1;
  let outstanding = 0;
  let cutOff = false;
  let lastEnd = start;
  const inflight: Promise<void>[] = [];
  await new Promise<void>((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const scheduledAt = start + next * interval;
        next++;
        if (outstanding >= MAX_OUTSTANDING) {
          onDrop();
          continue;
        }
        outstanding++;
        inflight.push(
          send(pool, spec).then((outcome) => {
            outstanding--;
            if (cutOff) return onDrop();
            lastEnd = performance.now();
            record?.(outcome, scheduledAt);
          }),
        );
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now() - 0.5));
    };
    tick();
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(inflight), new Promise((r) => (timer = setTimeout(r, drainMs)))]);
  clearTimeout(timer);
  cutOff = true; // the pool is destroyed next: whatever is still open counts as dropped
  return lastEnd - start;
}

/** One measurement: a warm-up that is not recorded, then the measured window, on one pool. */
export async function measure(
  spec: RequestSpec,
  load: Load,
  warmupMs: number,
  durationMs: number,
  drainMs: number,
  onMeasureStart: () => void = () => {},
): Promise<RunResult> {
  const connections = load.kind === "closed" ? load.concurrency : 512;
  const pool = new Pool(spec.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const { result, record } = collector();
  try {
    if (load.kind === "closed") {
      await closedLoop(pool, spec, load.concurrency, warmupMs, null);
      onMeasureStart();
      result.elapsedMs = await closedLoop(pool, spec, load.concurrency, durationMs, record);
    } else {
      await openLoop(pool, spec, load.rate, warmupMs, drainMs, null, () => {});
      onMeasureStart();
      result.elapsedMs = await openLoop(pool, spec, load.rate, durationMs, drainMs, record, () => result.dropped++);
    }
  } finally {
    await pool.destroy().catch(() => {});
  }
  return result;
}

/** Sends one request; throws unless it succeeds (readiness probe and smoke check). */
export async function probe(spec: RequestSpec): Promise<void> {
  const pool = new Pool(spec.origin, { connections: 1 });
  try {
    const outcome = await send(pool, spec);
    if (!outcome.ok) throw new Error(outcome.reason);
  } finally {
    await pool.destroy().catch(() => {});
  }
}
