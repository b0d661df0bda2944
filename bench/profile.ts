// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, so a
// run can name its top frames. `npm run bench -- --profile` profiles the Latch targets.
// Standalone: node --import tsx bench/profile.ts <file.cpuprofile> [top]
import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

function where(url: string): string {
  if (!url) return "(native)";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = u.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (u.startsWith("node:")) return u;
  const m = /\/(lib|server\.ts|app|bench|\.next[^/]*)(\/.*)?$/.exec(u);
  return m ? m[1] + (m[2] ?? "") : path.basename(u);
}

// The compiled server (dist/server) is named by its source map: `lib/gateway/respond.ts:60`, not
// `main-<hash>.mjs:5219`.
const maps = new Map<string, SourceMap | null>();
function source(frame: CallFrame): { url: string; lineNumber: number } {
  if (!frame.url.includes("/dist/")) return frame;
  const file = frame.url.startsWith("file:") ? fileURLToPath(frame.url) : frame.url;
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8"))));
    } catch {
      maps.set(file, null);
    }
  }
  const entry = maps.get(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !("originalSource" in entry)) return frame;
  return { url: path.resolve(path.dirname(file), entry.originalSource), lineNumber: entry.originalLine };
}

/** `skipMs`: ignore the first samples (start-up), so the table shows the serving work. */
export function summarise(file: string, top = 25, skipMs = 0): string {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  for (const node of prof.nodes) Object.assign(node.callFrame, source(node.callFrame));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let clock = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    clock += prof.timeDeltas[i] ?? 0;
    if (clock < skipMs * 1000) continue;
    selfUs.set(prof.samples[i]!, (selfUs.get(prof.samples[i]!) ?? 0) + (prof.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || "(anonymous)"} ${url ? `${where(url)}:${lineNumber + 1}` : ""}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
    const p = ["(idle)", "(program)", "(garbage collector)"].includes(functionName) ? functionName : where(url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const idle = fn.get("(idle)") ?? 0;
  const busy = total - idle;
  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
  // Inclusive time of the project's own functions (self + callees), to see whole activities.
  const inclusive = new Map<string, number>();
  const walk = (id: number, stack: Set<string>): number => {
    const node = byId.get(id)!;
    let t = selfUs.get(id) ?? 0;
    for (const c of node.children ?? []) t += walk(c, stack);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${where(url)}:${lineNumber + 1}`;
    if (/^(lib|server\.ts|app|bench)/.test(where(url)) && functionName && !stack.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    return t;
  };
  const roots = new Set(prof.nodes.map((n) => n.id));
  for (const n of prof.nodes) for (const c of n.children ?? []) roots.delete(c);
  for (const r of roots) walk(r, new Set());
  const lines = [
    `${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (shares below are of busy time)`,
    "",
    "| self | function |",
    "|---:|---|",
  ];
  for (const [name, us] of [...fn]
    .filter(([n]) => n !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, top))
    lines.push(`| ${pct(us)} | \`${name}\` |`);
  lines.push("", "| inclusive | Latch function |", "|---:|---|");
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`| ${pct(us)} | \`${name}\` |`);
  lines.push("", "| self | package / module |", "|---:|---|");
  for (const [name, us] of [...pkg]
    .filter(([n]) => n !== "(idle)")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15))
    lines.push(`| ${pct(us)} | \`${name}\` |`);
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  process.stdout.write(summarise(process.argv[2]!, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0)));
}
