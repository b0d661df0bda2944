// The systems under test. Every gateway runs in its own process pinned to one core (taskset);
// the driver and the fake upstream share the other core. `direct` is the driver → upstream
// baseline that "added" latencies are measured against.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { SERVER_BUNDLE } from "@/scripts/build-server";
import { probe, type RequestSpec } from "./driver";

export const TARGET_NAMES = [
  "direct",
  "floor",
  "next-floor",
  "portkey",
  "latch-routes",
  "latch",
  "latch-embedded",
  "latch-gateway",
  "latch-gateway-x2",
] as const;
/** Run only when named in --targets. */
export const OPTIONAL_TARGETS: readonly string[] = [];
export type TargetName = (typeof TARGET_NAMES)[number];
export type Workload = "json" | "stream" | "paced";

export const TARGET_NOTES: Record<TargetName, string> = {
  direct: "driver → fake upstream, no gateway (baseline)",
  floor: "minimal node:http + undici passthrough (bench/floor.ts)",
  "next-floor": "empty-logic Next route handler that only forwards (bench/next-floor, production build)",
  portkey: "@portkey-ai/gateway on Node (build/start-server.js --headless)",
  "latch-routes": "Latch, production build, /v1 through the Next route handlers (LATCH_FAST_PATH=false), Redis mode",
  latch: "Latch, production, fast path (node:http + gateway core), Redis mode",
  "latch-embedded": "Latch, production, fast path, embedded mode (no Redis: in-process limits and usage queue)",
  "latch-gateway": "Latch data plane alone (LATCH_ROLE=gateway: no Next in the process), Redis mode",
  "latch-gateway-x2":
    "the same with LATCH_WORKERS=2 (a node:cluster primary and 2 workers), allowed both cores: the driver and upstream share CPU 0 with one worker (2 cores only); CPU and RSS summed over the processes",
};

export type Target = {
  name: TargetName;
  /** Gateway process id (null for `direct`). */
  pid: number | null;
  spec(workload: Workload): RequestSpec;
  stop(): Promise<void>;
  logTail(): string;
  /** ms from spawn to ready (start-up work, skipped when summarising a profile). */
  startupMs: number;
};

export type TargetContext = {
  root: string;
  upstreamUrl: string;
  pacedUrl: string;
  /** The bench virtual key (Latch targets). */
  latchKey: string;
  /** Env shared by every Latch process (production settings, DB, encryption key …). */
  latchEnv: Record<string, string>;
  port(): Promise<number>;
  gatewayCpu: string;
  /** Every core (the multi-worker target). */
  allCpus: string;
  /** Extra node flags for the Latch processes (e.g. --cpu-prof). */
  latchNodeArgs: string[];
  /** A command every gateway runs under (e.g. valgrind for --instructions), and how long start-up may take. */
  wrapper?: { command: string[]; readyTimeoutMs: number };
};

const MESSAGES = [{ role: "user", content: "Say hello in one short sentence." }];

export function body(model: string, stream: boolean): string {
  return JSON.stringify({ model, messages: MESSAGES, max_tokens: 16, ...(stream ? { stream: true } : {}) });
}

export const GATEWAY_NICE = 10;

function spawnPinned(ctx: TargetContext, args: string[], env: Record<string, string>, cpus = ctx.gatewayCpu) {
  // Gateways yield to the driver and the upstream (nice 10): alone on their core this changes
  // nothing, but a second worker sharing the driver's core gets only the time the driver leaves.
  const child: ChildProcess = spawn("taskset", ["-c", cpus, "nice", "-n", String(GATEWAY_NICE), ...(ctx.wrapper?.command ?? []), process.execPath, ...args], {
    cwd: ctx.root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", NEXT_TELEMETRY_DISABLED: "1", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
  return { child, stop, logTail: () => log };
}

async function waitReady(target: Target, child: ChildProcess | null, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${target.name} exited (${child.exitCode}):\n${target.logTail()}`);
    try {
      await probe(target.spec("json"));
      await probe(target.spec("stream"));
      return;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${target.name} not ready: ${last}\n${target.logTail()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const json = { "content-type": "application/json" };

async function waitFor(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("not ready in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startTarget(name: TargetName, ctx: TargetContext): Promise<Target> {
  const upstreamFor = (w: Workload) => (w === "paced" ? ctx.pacedUrl : ctx.upstreamUrl);
  if (name === "direct") {
    const target: Target = {
      name,
      pid: null,
      stop: async () => {},
      logTail: () => "",
      startupMs: 0,
      spec: (w) => ({
        origin: upstreamFor(w),
        path: "/v1/chat/completions",
        headers: { ...json, authorization: "Bearer sk-bench-upstream" },
        body: body("gpt-4o-mini", w !== "json"),
        stream: w !== "json",
      }),
    };
    await waitReady(target, null);
    return target;
  }

  const spawnedAt = Date.now();
  const port = await ctx.port();
  const origin = `http://127.0.0.1:${port}`;
  const upstreamEnv = { UPSTREAM_URL: ctx.upstreamUrl, PACED_UPSTREAM_URL: ctx.pacedUrl, PORT: String(port) };
  let proc: ReturnType<typeof spawnPinned>;
  let spec: Target["spec"];

  switch (name) {
    case "floor":
      proc = spawnPinned(ctx, ["--import", "tsx", "bench/floor.ts"], upstreamEnv);
      spec = (w) => ({
        origin,
        path: w === "paced" ? "/paced/v1/chat/completions" : "/v1/chat/completions",
        headers: json,
        body: body("gpt-4o-mini", w !== "json"),
        stream: w !== "json",
      });
      break;
    case "next-floor":
      proc = spawnPinned(ctx, ["bench/next-floor/server.mjs"], { ...upstreamEnv, NODE_ENV: "production" });
      spec = (w) => ({
        origin,
        path: "/v1/chat/completions",
        headers: w === "paced" ? { ...json, "x-bench-upstream": "paced" } : json,
        body: body("gpt-4o-mini", w !== "json"),
        stream: w !== "json",
      });
      break;
    case "portkey":
      proc = spawnPinned(ctx, [path.join(ctx.root, "node_modules/@portkey-ai/gateway/build/start-server.js"), `--port=${port}`, "--headless"], {
        NODE_ENV: "production",
      });
      spec = (w) => ({
        origin,
        path: "/v1/chat/completions",
        headers: { ...json, authorization: "Bearer sk-bench-upstream", "x-portkey-provider": "openai", "x-portkey-custom-host": `${upstreamFor(w)}/v1` },
        body: body("gpt-4o-mini", w !== "json"),
        stream: w !== "json",
      });
      break;
    default: {
      const mode: Record<string, string> = name === "latch-routes" ? { LATCH_FAST_PATH: "false" } : {};
      const redis: Record<string, string> = name === "latch-embedded" ? { REDIS_URL: "" } : {};
      if (name === "latch-gateway" || name === "latch-gateway-x2") mode.LATCH_ROLE = "gateway";
      if (name === "latch-gateway-x2") mode.LATCH_WORKERS = "2";
      proc = spawnPinned(
        ctx,
        [...ctx.latchNodeArgs, SERVER_BUNDLE],
        { ...ctx.latchEnv, ...mode, ...redis, PORT: String(port), APP_URL: `http://localhost:${port}` },
        name === "latch-gateway-x2" ? ctx.allCpus : ctx.gatewayCpu,
      );
      spec = (w) => ({
        origin,
        path: "/v1/chat/completions",
        headers: { ...json, authorization: `Bearer ${ctx.latchKey}` },
        body: body(w === "paced" ? "gpt-4o-mini-paced" : "gpt-4o-mini", w !== "json"),
        stream: w !== "json",
      });
    }
  }
  const target: Target = { name, pid: proc.child.pid ?? null, spec, stop: proc.stop, logTail: proc.logTail, startupMs: 0 };
  try {
    await waitReady(target, proc.child, ctx.wrapper?.readyTimeoutMs);
    // A probe proves one worker; the measurement wants them all.
    if (name === "latch-gateway-x2") await waitFor(() => (proc.logTail().match(/Latch worker \d+ listening/g) ?? []).length >= 2, 120_000);
    target.startupMs = Date.now() - spawnedAt;
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return target;
}
