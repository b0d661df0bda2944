// The soak's child processes: Latch's scripts run to completion (migrate, seed), and the gateway
// itself, started as in production and waited for until healthy.
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "@/e2e/fixtures/free-port";
import { SERVER_BUNDLE } from "@/scripts/build-server";

const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited ${code}\n${out.slice(-3000)}`))));
  });
}

export type Gateway = { child: ChildProcess; pid: number; url: string; logTail(): string; errorLines: () => number; stop(): Promise<number | null> };

export async function startGateway(env: NodeJS.ProcessEnv): Promise<Gateway> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // `npm start`'s process (the bundle prepare --server-bundle built), without npm's shell in
  // front: the pid sampled for RSS and sent SIGTERM is the gateway itself.
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: { ...env, PORT: String(port), APP_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  let errorLines = 0;
  const keep = (d: Buffer) => {
    const text = d.toString();
    tail = (tail + text).slice(-6000);
    // pino JSON lines: level 50 is error, 60 fatal.
    errorLines += (text.match(/"level":(50|60)\b/g) ?? []).length;
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.once("exit", (code) => {
        clearTimeout(force);
        resolve(code);
      });
      child.kill("SIGTERM");
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited (${child.exitCode}):\n${tail}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the gateway did not become healthy in 60 s:\n${tail}`);
    }
    await sleep(250);
  }
  return { child, pid: child.pid!, url, logTail: () => tail, errorLines: () => errorLines, stop };
}
