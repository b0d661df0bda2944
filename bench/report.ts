// Turns raw measurements into rows (per target and cell), checks the targets set in the issue,
// and renders the Markdown table and the JSON kept in bench/results/.
import { percentile, sortedCopy, parseServerTiming } from "./stats";
import type { RunResult } from "./driver";
import type { TargetName, Workload } from "./targets";

export type Cell = { id: string; workload: Workload; load: { kind: "closed"; concurrency: number } | { kind: "open"; rate: number } };

/**
 * `machine`: CPU µs of the processes a gateway's work lands on besides its own (Redis, Postgres,
 * the upstream, the driver) over the same windows, and the windows' length: where the cores went.
 */
export type Accumulated = { results: RunResult[]; cpuMicros: number; machine?: { windowMs: number; cpuMicros: Record<string, number> } };

export type Row = {
  cell: string;
  target: TargetName;
  completed: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  addedP50: number | null;
  addedP99: number | null;
  ttfbP50: number;
  addedTtfbP50: number | null;
  errors: number;
  dropped: number;
  cpuUsPerReq: number | null;
  errorExamples: string[];
};

export type MachineShare = { cell: string; target: TargetName; shares: Record<string, number> };

/** Per cell and target: each process' CPU as % of one core over the measured windows. */
export function machineShares(data: Map<string, Accumulated>, cellIds: string[]): MachineShare[] {
  const out: MachineShare[] = [];
  for (const [key, acc] of data) {
    const [target, cell] = key.split("|") as [TargetName, string];
    if (!acc.machine || !cellIds.includes(cell) || target === "direct") continue;
    const share = (us: number) => us / 10 / acc.machine!.windowMs;
    const shares: Record<string, number> = { [target]: share(acc.cpuMicros) };
    for (const [name, us] of Object.entries(acc.machine.cpuMicros)) shares[name] = share(us);
    out.push({ cell, target, shares });
  }
  return out;
}

/** `rssPerRound`: the median of the RSS read after each cell of a round. */
export type MemoryTrack = { target: TargetName; rssPerRound: number[]; peak: number };

export function buildRows(cells: Cell[], targets: TargetName[], data: Map<string, Accumulated>): Row[] {
  const rows: Row[] = [];
  for (const cell of cells) {
    const base = new Map<TargetName, Row>();
    for (const target of targets) {
      const acc = data.get(`${target}|${cell.id}`);
      if (!acc) continue;
      const samples = acc.results.flatMap((r) => r.samples);
      const lat = sortedCopy(samples.map((s) => s.latency));
      const ttfb = sortedCopy(samples.map((s) => s.ttfb));
      const elapsed = acc.results.reduce((a, r) => a + r.elapsedMs, 0);
      const row: Row = {
        cell: cell.id,
        target,
        completed: samples.length,
        rps: elapsed > 0 ? (samples.length / elapsed) * 1000 : 0,
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        max: lat.length ? lat[lat.length - 1]! : NaN,
        addedP50: null,
        addedP99: null,
        ttfbP50: percentile(ttfb, 50),
        addedTtfbP50: null,
        errors: acc.results.reduce((a, r) => a + r.errors, 0),
        dropped: acc.results.reduce((a, r) => a + r.dropped, 0),
        cpuUsPerReq: target === "direct" || !samples.length ? null : acc.cpuMicros / samples.length,
        errorExamples: [...new Set(acc.results.flatMap((r) => r.errorExamples))].slice(0, 3),
      };
      base.set(target, row);
      rows.push(row);
    }
    const direct = base.get("direct");
    if (direct) {
      for (const row of base.values()) {
        if (row.target === "direct") continue;
        row.addedP50 = row.p50 - direct.p50;
        row.addedP99 = row.p99 - direct.p99;
        row.addedTtfbP50 = row.ttfbP50 - direct.ttfbP50;
      }
    }
  }
  return rows;
}

/** Median of each Server-Timing phase over the sampled responses of a target. */
export function serverTimingSummary(data: Map<string, Accumulated>, target: TargetName, cellId: string): Record<string, number> | null {
  const values = (data.get(`${target}|${cellId}`)?.results ?? []).flatMap((r) => r.serverTimings).map(parseServerTiming);
  if (!values.length) return null;
  const phases = [...new Set(values.flatMap((v) => Object.keys(v)))];
  return Object.fromEntries(phases.map((p) => [p, percentile(sortedCopy(values.map((v) => v[p] ?? 0)), 50)]));
}

export type Check = { target: string; ok: boolean | null; detail: string };

const find = (rows: Row[], target: TargetName, cell: string) => rows.find((r) => r.target === target && r.cell === cell);
const ms = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? "–" : n.toFixed(2));

const cpuRatio = (rows: Row[], target: TargetName, cell: string) => {
  const t = find(rows, target, cell)?.cpuUsPerReq;
  const f = find(rows, "floor", cell)?.cpuUsPerReq;
  return t && f ? { t, f, ratio: t / f } : null;
};

export function checkTargets(rows: Row[], memory: MemoryTrack[]): Check[] {
  const checks: Check[] = [];
  const add = (target: string, ok: boolean | null, detail: string) => checks.push({ target, ok, detail });
  const latch = (cell: string) => find(rows, "latch", cell);

  // Issue 28: every core, per-request CPU near the floor, latency, memory.
  for (const cell of ["json c64", "stream c64"]) {
    const one = find(rows, "latch-gateway", cell);
    const two = find(rows, "latch-gateway-x2", cell);
    const ratio = one && two && one.rps > 0 ? two.rps / one.rps : null;
    add(
      `latch-gateway: 2 workers ≥ 1.7× one worker's saturated req/s (${cell})`,
      ratio === null ? null : ratio >= 1.7,
      `${two?.rps.toFixed(0) ?? "–"} vs ${one?.rps.toFixed(0) ?? "–"} req/s = ${ratio?.toFixed(2) ?? "–"}×`,
    );
  }
  for (const [cell, limit] of [
    ["json c64", 2],
    ["stream c64", 1.5],
  ] as const) {
    for (const t of ["latch", "latch-gateway"] as const) {
      const c = cpuRatio(rows, t, cell);
      add(
        `${t}: CPU per request ≤ ${limit}× floor (${cell})`,
        c === null ? null : c.ratio <= limit,
        c ? `${c.t.toFixed(0)} vs ${c.f.toFixed(0)} µs = ${c.ratio.toFixed(2)}×` : "not run",
      );
    }
  }
  for (const [cell, label] of [
    ["json c1", "non-stream"],
    ["stream c1", "stream"],
  ] as const) {
    const r = latch(cell);
    const v = cell === "json c1" ? r?.addedP50 : r?.addedTtfbP50;
    add(`latch: added p50 ≤ 0.5 ms at c=1 (${label}${cell === "stream c1" ? ", first byte" : ""})`, v == null ? null : v <= 0.5, `${ms(v)} ms`);
  }
  for (const cell of ["json open1000", "stream open1000"]) {
    const r = latch(cell);
    add(
      `latch: 1,000 req/s offered (${cell.split(" ")[0]}): 0 dropped, 0 errors, added p99 ≤ 10 ms`,
      r ? r.dropped === 0 && r.errors === 0 && (r.addedP99 ?? Infinity) <= 10 : null,
      r ? `dropped ${r.dropped}, errors ${r.errors}, +p99 ${ms(r.addedP99)} ms` : "not run",
    );
  }
  for (const [t, limit] of [
    ["latch-gateway", 300],
    ["latch", 400],
    ["latch-embedded", 400],
  ] as const) {
    const m = memory.find((x) => x.target === t);
    if (!m) continue;
    // With three rounds or more the first is the warm-up (JIT, caches, a minute of rate-window
    // entries filling up): growth is what comes after it, the sign of a leak.
    const rss = m.rssPerRound;
    const from = rss.length >= 3 ? 1 : 0;
    const growth = rss.length - from > 1 ? ((rss[rss.length - 1]! - rss[from]!) / rss[from]!) * 100 : null;
    const since = from ? " after the first round" : "";
    add(
      `${t}: peak RSS ≤ ${limit} MB, no growth across rounds`,
      m.peak <= limit && (growth === null || growth <= 10),
      `peak ${m.peak.toFixed(0)} MB; median RSS per round ${rss.map((x) => x.toFixed(0)).join(" → ")} MB${growth === null ? "" : ` (${growth >= 0 ? "+" : ""}${growth.toFixed(1)}%${since})`}`,
    );
  }

  // Earlier rounds' targets, kept to see them hold.
  for (const cell of ["json c64", "stream c64"]) {
    const l = latch(cell);
    const p = find(rows, "portkey", cell);
    const ratio = l && p && p.rps > 0 ? l.rps / p.rps : null;
    add(
      `latch: saturation ≥ 5× Portkey req/s on one core (${cell})`,
      ratio === null ? null : ratio >= 5,
      `${l?.rps.toFixed(0) ?? "–"} vs ${p?.rps.toFixed(0) ?? "–"} req/s = ${ratio?.toFixed(2) ?? "–"}×`,
    );
  }
  for (const cell of ["json c1", "stream c1"]) {
    const r = find(rows, "latch-routes", cell);
    const f = find(rows, "next-floor", cell);
    const d = r && f ? r.p50 - f.p50 : null;
    add(`latch-routes: p50 within 0.3 ms of next-floor (${cell})`, d === null ? null : d <= 0.3, `${ms(d)} ms (${ms(r?.p50)} vs ${ms(f?.p50)})`);
  }
  for (const cell of ["json c64", "stream c64"]) {
    const r = find(rows, "latch-routes", cell);
    const f = find(rows, "next-floor", cell);
    const ratio = r && f && f.rps > 0 ? r.rps / f.rps : null;
    add(
      `latch-routes: throughput within 15% of next-floor (${cell})`,
      ratio === null ? null : ratio >= 0.85,
      `${r?.rps.toFixed(0) ?? "–"} vs ${f?.rps.toFixed(0) ?? "–"} req/s = ${ratio === null ? "–" : ((ratio - 1) * 100).toFixed(1)}%`,
    );
  }
  for (const t of ["latch", "latch-routes"] as const) {
    const r = find(rows, t, "paced c16");
    add(`${t}: paced stream +TTFB p50 ≤ 0.5 ms`, r?.addedTtfbP50 == null ? null : r.addedTtfbP50 <= 0.5, `${ms(r?.addedTtfbP50)} ms`);
  }
  return checks;
}

export function renderMarkdown(opts: {
  title: string;
  meta: string[];
  rows: Row[];
  memory: MemoryTrack[];
  checks: Check[];
  timings: { target: string; cell: string; phases: Record<string, number> }[];
  machine: MachineShare[];
  cores: number;
  notes: Record<string, string>;
}): string {
  const out: string[] = [`## ${opts.title}`, "", ...opts.meta.map((m) => `- ${m}`), ""];
  out.push("### Targets", "", "| target | met | measured |", "|---|---|---|");
  for (const c of opts.checks) out.push(`| ${c.target} | ${c.ok === null ? "not run" : c.ok ? "✅ met" : "❌ not met"} | ${c.detail} |`);
  out.push(
    "",
    "### Results",
    "",
    "Latency in ms; `+` columns are added over `direct` in the same cell. CPU µs/req is the gateway process's utime+stime over the measured window divided by completed requests.",
    "",
  );
  out.push(
    "| cell | target | req/s | p50 | p99 | max | +p50 | +p99 | TTFB p50 | +TTFB p50 | err | drop | CPU µs/req |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const r of opts.rows) {
    out.push(
      `| ${r.cell} | ${r.target} | ${r.rps.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.addedP50)} | ${ms(r.addedP99)} | ${ms(r.ttfbP50)} | ${ms(r.addedTtfbP50)} | ${r.errors} | ${r.dropped} | ${r.cpuUsPerReq === null ? "–" : r.cpuUsPerReq.toFixed(0)} |`,
    );
  }
  out.push("", "### Memory (RSS, MB)", "", "| target | median per round (read after each cell) | peak (VmHWM) |", "|---|---|---:|");
  for (const m of opts.memory) out.push(`| ${m.target} | ${m.rssPerRound.map((x) => x.toFixed(0)).join(" → ")} | ${m.peak.toFixed(0)} |`);
  if (opts.machine.length) {
    const others = [...new Set(opts.machine.flatMap((m) => Object.keys(m.shares).slice(1)))];
    out.push(
      "",
      `### Where the cores went (% of one core over the measured windows; this machine has ${opts.cores})`,
      "",
      `| cell | target | the target | ${others.join(" | ")} | all |`,
      `|---|---|---:|${others.map(() => "---:").join("|")}|---:|`,
    );
    const pct = (n: number | undefined) => (n === undefined ? "–" : `${n.toFixed(0)} %`);
    for (const m of opts.machine) {
      const all = Object.values(m.shares).reduce((a, b) => a + b, 0);
      out.push(`| ${m.cell} | ${m.target} | ${pct(m.shares[m.target])} | ${others.map((o) => pct(m.shares[o])).join(" | ")} | ${pct(all)} |`);
    }
  }
  if (opts.timings.length) {
    out.push("", "### Latch's own time (Server-Timing, median ms)", "");
    const phases = [...new Set(opts.timings.flatMap((t) => Object.keys(t.phases)))];
    out.push(`| target | cell | ${phases.join(" | ")} |`, `|---|---|${phases.map(() => "---:").join("|")}|`);
    for (const t of opts.timings)
      out.push(`| ${t.target} | ${t.cell} | ${phases.map((p) => (t.phases[p] === undefined ? "–" : t.phases[p]!.toFixed(3))).join(" | ")} |`);
  }
  const errored = opts.rows.filter((r) => r.errorExamples.length);
  if (errored.length) {
    out.push("", "### Errors (examples)", "");
    for (const r of errored)
      out.push(`- ${r.target} / ${r.cell}: ${r.errorExamples.map((e) => `\`${e.replace(/`/g, "'").replace(/\n/g, "\\n")}\``).join("; ")}`);
  }
  out.push("", "### Targets under test", "");
  for (const [name, note] of Object.entries(opts.notes)) out.push(`- \`${name}\`: ${note}`);
  return `${out.join("\n")}\n`;
}
