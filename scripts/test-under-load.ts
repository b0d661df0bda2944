// `npm run test:under-load -- [vitest args]`: runs vitest while busy-loop workers hog every core,
// a test of the tests: a suite whose outcome depends on how fast the machine is fails here.
// HOG_WORKERS sets the number of hogs (default: one per core, on top of whatever else runs).
import os from "node:os";
import { spawn } from "node:child_process";
import { Worker } from "node:worker_threads";

const count = Number(process.env.HOG_WORKERS ?? os.availableParallelism());
const hog = "const end = () => {}; for (;;) { for (let i = 0; i < 1e7; i++) end(); }";
const hogs = Array.from({ length: count }, () => new Worker(hog, { eval: true }));
process.stdout.write(`[test:under-load] ${count} busy-loop workers on ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)}\n`);

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const vitest = spawn(npx, ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
const stop = (signal: NodeJS.Signals) => vitest.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
vitest.on("exit", async (code, signal) => {
  process.stdout.write(`[test:under-load] load average at the end ${os.loadavg()[0]!.toFixed(1)}\n`);
  await Promise.all(hogs.map((w) => w.terminate()));
  process.exit(code ?? (signal ? 1 : 0));
});
