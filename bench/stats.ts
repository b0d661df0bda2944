// Numbers: percentiles over latency samples, and a process's CPU time and memory from /proc.
import fs from "node:fs";
import { execFileSync } from "node:child_process";

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const sortedCopy = (values: number[]) => Float64Array.from(values).sort();

export const median = (values: readonly number[]) => percentile(sortedCopy([...values]), 50);

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The process and its live descendants (a cluster primary's workers). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const tid of fs.readdirSync(`/proc/${out[i]}/task`))
        for (const child of fs.readFileSync(`/proc/${out[i]}/task/${tid}/children`, "utf8").split(" ").filter(Boolean)) out.push(Number(child));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU time the whole machine spent busy (every core, every process, the kernel's), in microseconds. */
export function machineBusyMicros(): number {
  const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").slice(0, 200).split("\n")[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal …: all but idle and iowait are busy.
  const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
  return (busy * 1e6) / CLK_TCK;
}

/**
 * Waits until a CPU-time counter (µs) grows by less than `share` of one core in each of `samples`
 * consecutive samples of `sampleMs`, or `maxMs` have passed; returns the ms waited.
 */
export async function waitQuiet(
  busyMicros: () => number,
  { sampleMs, share, samples = 1, maxMs }: { sampleMs: number; share: number; samples?: number; maxMs: number },
): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  let last = busyMicros();
  while (quiet < samples && performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, sampleMs));
    const now = busyMicros();
    quiet = now - last < share * sampleMs * 1000 ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - started;
}

/** utime + stime of a process and its descendants, in microseconds (resolution 1/CLK_TCK s, usually 10 ms). */
export function cpuMicros(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
      total += ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
    } catch {
      if (p === pid) return NaN;
    }
  }
  return total;
}

/** The process' command name (`/proc/<pid>/comm`), or null when it is not on this machine. */
export function commandName(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/** The parent of a process, from /proc (0 when unknown). */
export function parentPid(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) || 0;
  } catch {
    return 0;
  }
}

/** Current and peak resident set size in MB (VmRSS, VmHWM), summed over the process and its descendants. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  let rss = 0;
  let peak = 0;
  for (const p of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
      rss += kb("VmRSS") / 1024;
      peak += kb("VmHWM") / 1024;
    } catch {
      if (p === pid) return { rss: NaN, peak: NaN };
    }
  }
  return { rss, peak };
}

/** Parses `auth;dur=0.1, limits;dur=0.2` into { auth: 0.1, limits: 0.2 }. */
export function parseServerTiming(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(",")) {
    const [name, ...params] = part.trim().split(";");
    const dur = params.find((p) => p.startsWith("dur="));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}
