// Starts tests/helpers/gateway-main.ts, compiled as production is (tests/helpers/server-bundle.ts),
// as a separate OS process sharing this worker's Postgres and Redis namespace, so "another
// instance" is really another instance.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { GATEWAY_MAIN_BUNDLE } from "@/tests/helpers/server-bundle";

const START_TIMEOUT_MS = 180_000;

export type GatewayProcess = { url: string; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> };

export async function startGatewayProcess(env: Record<string, string | undefined> = {}): Promise<GatewayProcess> {
  const root = path.resolve(import.meta.dirname, "../..");
  // Plain `node` (no wrapper CLI running node as its own child) so that a signal, SIGKILL
  // included, reaches the gateway process itself.
  const child = spawn(process.execPath, [GATEWAY_MAIN_BUNDLE], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  // Ready when it says so; the bound only catches a gateway that never starts (on a loaded
  // machine start-up can take tens of seconds, so it is generous).
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway process did not start in ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
    let stdout = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      const match = /listening (\d+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway process exited (${code}): ${stderr}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    kill: (signal = "SIGTERM") =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
  };
}
