// `npm test`: the soak (`npm run test:soak`, 10 minutes of steady traffic through a production
// gateway) runs in the background while the static checks (`npm run lint`, `npm run lint:deps`),
// `npm run test:unit` and then `npm run test:e2e` run in the foreground, so the whole takes about
// as long as the longer of the two. The soak's output is kept in tests/soak/results/soak.log and
// shown once the foreground parts are done.
// Exits non-zero when any part failed, after a summary naming each part's outcome.
// SOAK_MINUTES shortens the soak; SOAK_MINUTES=0 leaves it out (local runs only).
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";

const root = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const skipSoak = process.env.SOAK_MINUTES === "0";

type Part = { name: string; status: "passed" | "FAILED" | "skipped" | "not run"; ms: number; note?: string };
const parts: Part[] = [];
const groups: number[] = [];
const since = (t: number) => Date.now() - t;
const duration = (ms: number) => `${Math.floor(ms / 60_000)}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")}s`;
const say = (line: string) => process.stdout.write(`\n[npm test] ${line}\n`);

// Each part runs in its own process group, so stopping `npm test` stops everything a part
// started (the soak's gateway, Playwright's servers) too.
function spawnScript(script: string, stdio: "inherit" | "pipe"): ChildProcess {
  const child = spawn(npm, ["run", script], { cwd: root, stdio: ["ignore", stdio, stdio], detached: true });
  groups.push(child.pid!);
  return child;
}
const exited = (child: ChildProcess) =>
  new Promise<number>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? 1);
    child.once("exit", (code) => resolve(code ?? 1));
  });

let stoppedBy: NodeJS.Signals | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (stoppedBy) return;
    stoppedBy = signal;
    for (const pgid of groups) {
      try {
        process.kill(-pgid, signal);
      } catch {
        // already gone
      }
    }
    setTimeout(() => process.exit(signal === "SIGINT" ? 130 : 143), 30_000).unref();
  });

async function foreground(name: string, script: string): Promise<boolean> {
  const t = Date.now();
  say(`${name}: npm run ${script}`);
  const code = await exited(spawnScript(script, "inherit"));
  parts.push({ name, status: code === 0 ? "passed" : "FAILED", ms: since(t), note: code === 0 ? undefined : `exit code ${code}` });
  return code === 0;
}

// ---- the soak, in the background ----
const soakStart = Date.now();
let soakDone: Promise<number> = Promise.resolve(0);
let soakOutput = "";
let soakLive = false;
let soakFinished = false;
const soakLog = path.join(root, "tests/soak/results/soak.log");
if (!skipSoak) {
  fs.mkdirSync(path.dirname(soakLog), { recursive: true });
  const logFile = fs.createWriteStream(soakLog);
  const soak = spawnScript("test:soak", "pipe");
  const keep = (d: Buffer) => {
    logFile.write(d);
    if (soakLive) process.stdout.write(d);
    else soakOutput += d.toString();
  };
  soak.stdout!.on("data", keep);
  soak.stderr!.on("data", keep);
  soakDone = exited(soak).then((code) => new Promise<number>((resolve) => logFile.end(() => ((soakFinished = true), resolve(code)))));
  say(`soak started in the background (output: tests/soak/results/soak.log)`);
}

/** Resolves once no process of the group is left (npm exits before what it started has cleaned up). */
async function groupGone(pgid: number) {
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopped() {
  if (!stoppedBy) return;
  await Promise.all(groups.map(groupGone));
  say(`stopped by ${stoppedBy}`);
  process.exit(stoppedBy === "SIGINT" ? 130 : 143);
}

// ---- static checks first: quick, and a failure is reported without hiding the tests' results ----
await foreground("format and lint (biome)", "lint");
await stopped();
await foreground("layer rules (dependency-cruiser)", "lint:deps");
await stopped();

// ---- unit and integration, then browser e2e, as `npm run test:unit && npm run test:e2e` ----
const unitPassed = await foreground("unit + integration (vitest)", "test:unit");
await stopped();
if (unitPassed) await foreground("browser e2e (next build + Playwright)", "test:e2e");
else parts.push({ name: "browser e2e (next build + Playwright)", status: "not run", ms: 0, note: "the unit tests failed" });

// ---- the soak's result ----
if (skipSoak) parts.push({ name: "soak", status: "skipped", ms: 0, note: "SOAK_MINUTES=0" });
else {
  say(`soak output${soakFinished ? "" : " so far (it is still running; the rest follows as it comes)"}:`);
  process.stdout.write(soakOutput);
  soakLive = true;
  const code = await soakDone;
  await stopped();
  parts.push({
    name: `soak (npm run test:soak)`,
    status: code === 0 ? "passed" : "FAILED",
    ms: since(soakStart),
    note: code === 0 ? undefined : `exit code ${code}; report in tests/soak/results/`,
  });
}

await stopped();
say("summary");
for (const p of parts) process.stdout.write(`  ${p.status.padEnd(8)} ${p.name.padEnd(42)} ${p.ms ? duration(p.ms) : ""}${p.note ? `  (${p.note})` : ""}\n`);
const failed = parts.filter((p) => p.status === "FAILED");
process.stdout.write(failed.length ? `\n${failed.length} part(s) failed: ${failed.map((p) => p.name).join(", ")}\n` : "\nall parts passed\n");
process.exit(failed.length ? 1 : 0);
