// Instructions per request, counted by valgrind (callgrind) in the gateway process: unlike CPU
// time, the count barely moves with the machine's load, so a change of a few percent shows.
// `npm run bench -- --instructions[=N] --targets=floor,latch`: every target runs under
// `valgrind --tool=callgrind --instr-atstart=no`; per workload, after W warm requests (JIT
// settled) its counters are zeroed, N requests are sent one at a time on one keep-alive
// connection, and the dump's total is divided by N. Every thread of the process is counted
// (GC helpers, libuv's pool), the driver and the upstream are not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { Pool } from "undici";
import { send } from "./driver";
import type { Target, Workload } from "./targets";

export const CALLGRIND_DIR = path.join(os.tmpdir(), "latch-bench-callgrind");

/** The wrapper for TargetContext: instrumentation off until the first measurement. */
export function callgrindWrapper(): { command: string[]; readyTimeoutMs: number } {
  fs.rmSync(CALLGRIND_DIR, { recursive: true, force: true });
  fs.mkdirSync(CALLGRIND_DIR, { recursive: true });
  return {
    command: ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--trace-children=no", `--callgrind-out-file=${CALLGRIND_DIR}/%p.out`, "-q"],
    readyTimeoutMs: 900_000,
  };
}

const control = (pid: number, ...args: string[]) => execFileSync("callgrind_control", [...args, String(pid)], { stdio: ["ignore", "pipe", "pipe"] }).toString();

async function sendMany(target: Target, workload: Workload, n: number): Promise<void> {
  const spec = target.spec(workload);
  const pool = new Pool(spec.origin, { connections: 1 });
  try {
    for (let i = 0; i < n; i++) {
      const outcome = await send(pool, spec);
      if (!outcome.ok) throw new Error(`${target.name} ${workload}: ${outcome.reason}`);
    }
  } finally {
    await pool.close();
  }
}

/** Total instructions (Ir) in the newest dump of this process. */
function lastDumpTotal(pid: number): number {
  const files = fs
    .readdirSync(CALLGRIND_DIR)
    .filter((f) => f.startsWith(`${pid}.out`))
    .map((f) => path.join(CALLGRIND_DIR, f));
  const newest = files.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  if (!newest) throw new Error(`no callgrind dump for ${pid}`);
  const text = fs.readFileSync(newest, "utf8");
  const total = /^(?:totals|summary): (\d+)/m.exec(text);
  if (!total) throw new Error(`no totals in ${newest}`);
  return Number(total[1]);
}

export type InstructionRow = { target: string; workload: Workload; requests: number; irPerRequest: number };

export async function countInstructions(target: Target, workload: Workload, warm: number, n: number): Promise<InstructionRow> {
  const pid = target.pid!;
  control(pid, "--instr=on");
  await sendMany(target, workload, warm);
  control(pid, "--zero");
  await sendMany(target, workload, n);
  // Writes a new dump (the counts since the zero) and waits until it is written.
  control(pid, "--dump");
  return { target: target.name, workload, requests: n, irPerRequest: lastDumpTotal(pid) / n };
}

export function renderInstructions(rows: InstructionRow[]): string {
  const floor = (w: Workload) => rows.find((r) => r.target === "floor" && r.workload === w)?.irPerRequest;
  const lines = ["| target | workload | requests | instructions per request | × floor |", "|---|---|---:|---:|---:|"];
  for (const r of rows) {
    const f = floor(r.workload);
    lines.push(
      `| ${r.target} | ${r.workload} | ${r.requests} | ${Math.round(r.irPerRequest).toLocaleString("en")} | ${f ? (r.irPerRequest / f).toFixed(2) : "–"} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}
