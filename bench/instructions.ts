// Instructions per request, counted by valgrind (callgrind) in the gateway process: unlike CPU
// time, the count barely moves with the machine's load, so a change of a few percent shows.
// `npm run bench -- --instructions[=N] --targets=floor,latch`: every target runs under
// `valgrind --tool=callgrind --instr-atstart=no`; per workload, W warm requests run uninstrumented
// (V8 tiers code up by how often it runs, not by time: a few thousand requests are needed before
// its optimising compiler goes quiet), then instrumentation is switched on, and once the process
// is idle its counters are zeroed, N requests are sent one at a time on one keep-alive connection,
// and the dump's total is divided by N. Every thread of the process is counted (GC helpers, the
// compiler's, libuv's pool), the driver and the upstream are not; the share of V8's optimising
// compilers is also given apart, since whatever tier-up is left lands in the window by chance.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { Pool } from "undici";
import { send } from "./driver";
import { cpuMicros, waitQuiet } from "./stats";
import type { Target, Workload } from "./targets";

// One directory per run: runs side by side must not clear each other's dumps.
export const CALLGRIND_DIR = path.join(os.tmpdir(), `latch-bench-callgrind-${process.pid}`);

/** The wrapper for TargetContext: instrumentation off until the first measurement. */
export function callgrindWrapper(): { command: string[]; readyTimeoutMs: number } {
  fs.rmSync(CALLGRIND_DIR, { recursive: true, force: true });
  fs.mkdirSync(CALLGRIND_DIR, { recursive: true });
  return {
    command: ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--trace-children=no", `--callgrind-out-file=${CALLGRIND_DIR}/%p.out`, "-q"],
    readyTimeoutMs: 900_000,
  };
}

// vgdb finds the process by FIFOs named after $USER and $HOST as the process saw them: Latch's
// processes have HOST (their bind address), the floors none.
const control = (target: Target, ...args: string[]) => {
  const env = { ...process.env };
  delete env.HOST;
  if (target.name.startsWith("latch")) env.HOST = "127.0.0.1";
  return execFileSync("callgrind_control", [...args, String(target.pid)], { stdio: ["ignore", "pipe", "pipe"], env }).toString();
};

async function sendMany(target: Target, workload: Workload, n: number): Promise<void> {
  const spec = target.spec(workload);
  const pool = new Pool(spec.origin, { connections: 1 });
  try {
    for (let i = 0; i < n; i++) {
      // ~50× slower under callgrind, on a shared machine: a bound for hangs only.
      const outcome = await send(pool, spec, 300_000);
      if (!outcome.ok) throw new Error(`${target.name} ${workload}: ${outcome.reason}`);
    }
  } finally {
    await pool.close();
  }
}

const dumps = (pid: number) =>
  fs
    .readdirSync(CALLGRIND_DIR)
    .filter((f) => f.startsWith(`${pid}.out.`))
    .map((f) => Number(f.slice(`${pid}.out.`.length)))
    .sort((a, b) => a - b);

/** Asks for a dump and returns its file once callgrind has written it, with its total instructions (Ir). */
async function dump(target: Target): Promise<{ file: string; total: number }> {
  const pid = target.pid!;
  const before = dumps(pid).at(-1) ?? 0;
  control(target, "--dump");
  const deadline = Date.now() + 300_000;
  for (;;) {
    const last = dumps(pid).at(-1) ?? 0;
    if (last > before) {
      const file = path.join(CALLGRIND_DIR, `${pid}.out.${last}`);
      const total = /^totals: (\d+)/m.exec(fs.readFileSync(file, "utf8"));
      if (total) return { file, total: Number(total[1]) };
    }
    if (Date.now() > deadline) throw new Error(`no callgrind dump from ${pid}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The process quiet for two seconds in a row (under half a core: under callgrind, an idle
 * gateway's polling alone takes ~20 % of one): work the warm-up started in the background (the
 * tokenizer loading on the first stream, JIT compiles, a usage batch) must not land in the
 * counted window.
 */
const untilIdle = (pid: number) => waitQuiet(() => cpuMicros(pid), { sampleMs: 1_000, share: 0.5, samples: 2, maxMs: 300_000 });

// V8's optimising compilers (TurboFan and its parts), by symbol in callgrind's per-function listing.
const COMPILER = /v8::internal::(compiler|turboshaft|maglev)::|OptimizedCompilationJob|TurbofanCompilationJob/;

/** Instructions of a dump spent in V8's optimising compilers (0 when callgrind_annotate is missing). */
function compilerInstructions(file: string): number {
  let listing: string;
  try {
    listing = execFileSync("callgrind_annotate", ["--auto=no", "--inclusive=no", "--threshold=100", file], { maxBuffer: 256 << 20 }).toString();
  } catch {
    return 0;
  }
  let sum = 0;
  for (const line of listing.split("\n")) {
    const m = /^\s*([\d,]+) \(/.exec(line);
    if (m && COMPILER.test(line)) sum += Number(m[1]!.replaceAll(",", ""));
  }
  return sum;
}

/** `compilerPerRequest`: the part of `irPerRequest` that V8's optimising compilers ran. */
export type InstructionRow = { target: string; workload: Workload; requests: number; irPerRequest: number; compilerPerRequest: number };

export async function countInstructions(target: Target, workload: Workload, warm: number, n: number): Promise<InstructionRow> {
  try {
    await sendMany(target, workload, warm);
    control(target, "--instr=on");
    await untilIdle(target.pid!);
    control(target, "--zero");
    await sendMany(target, workload, n);
    // A new dump: the counts since the zero.
    const { file, total } = await dump(target);
    return { target: target.name, workload, requests: n, irPerRequest: total / n, compilerPerRequest: compilerInstructions(file) / n };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${target.name}'s output:\n${target.logTail()}`);
  }
}

export function renderInstructions(rows: InstructionRow[]): string {
  const floor = (w: Workload) => rows.find((r) => r.target === "floor" && r.workload === w);
  const count = (ir: number) => Math.round(ir).toLocaleString("en");
  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : "–");
  const lines = [
    "| target | workload | requests | instructions per request | × floor | of which V8 compiling | without it | × floor |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const f = floor(r.workload);
    const own = r.irPerRequest - r.compilerPerRequest;
    lines.push(
      `| ${r.target} | ${r.workload} | ${r.requests} | ${count(r.irPerRequest)} | ${ratio(r.irPerRequest, f?.irPerRequest)} | ${count(r.compilerPerRequest)} | ${count(own)} | ${ratio(own, f && f.irPerRequest - f.compilerPerRequest)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
