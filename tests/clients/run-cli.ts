// Runs a real client CLI (Claude Code, Codex) as its own process group with a clean environment,
// a hard timeout, and a kill of the whole group on timeout or teardown, so no agent outlives
// its test or reaches past loopback.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; timedOut: boolean };

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BIN = { claude: path.join(ROOT, "node_modules/.bin/claude"), codex: path.join(ROOT, "node_modules/.bin/codex") };

const live = new Set<ChildProcess>();
const dirs: string[] = [];

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // the group is already gone
  }
}

/** A fresh directory under the OS temp dir, removed by cleanupClis(). */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `latch-${prefix}-`));
  dirs.push(dir);
  return dir;
}

/**
 * Nothing of the caller's environment leaks in (no stray provider keys or proxies): the child
 * sees PATH, a loopback-only no_proxy, and what the test passes.
 */
export function runCli(
  bin: string,
  args: string[],
  { env, cwd, timeoutMs = 45_000 }: { env: Record<string, string>; cwd: string; timeoutMs?: number },
): Promise<CliResult> {
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    TERM: "dumb",
    ...env,
  };
  const child = spawn(bin, args, {
    cwd,
    // The project's env typing demands NODE_ENV; these clients must not inherit ours.
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => ((timedOut = true), killGroup(child)), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(child); // whatever it left behind in its group
      live.delete(child);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** For afterAll: kill every CLI still running and remove the scratch directories. */
export function cleanupClis(): void {
  for (const child of live) killGroup(child);
  live.clear();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
