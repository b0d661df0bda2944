// LATCH_WORKERS=2 as in production (the compiled server, NODE_ENV=production): both
// workers answer on one port, /metrics sums them, a killed worker is replaced without losing
// more than what it had in flight, SIGHUP replaces every worker with none refused meanwhile,
// and SIGTERM lets a request in flight finish before the primary exits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { freePort } from "@/e2e/fixtures/free-port";
import { SERVER_BUNDLE } from "@/tests/helpers/server-bundle";

// Production refuses the development secrets; the test org is sealed with the same key.
// The worker's process runs later test files too: the key is given back when this file ends.
const workerKey = process.env.LATCH_ENCRYPTION_KEY;
process.env.LATCH_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const AUTH_SECRET = randomBytes(32).toString("base64");
const root = path.resolve(import.meta.dirname, "../..");

let fake: FakeProvider;
let secret: string;
let primary: ChildProcess;
let port: number;
let output = "";
let sent = 0;

type Answer = { status: number; worker: string | null; body: string };

/** One request on a new connection (so the primary hands each to the next worker). */
// Production /metrics wants its own bearer token (docs/operations.md).
const METRICS_TOKEN = randomBytes(16).toString("hex");

function request(method: string, pathname: string, body?: string, bearer = secret): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: pathname, agent: false, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, worker: (res.headers["x-latch-worker"] as string) ?? null, body: text }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("request timed out")));
    req.end(body);
  });
}
const chat = () => {
  sent++;
  return request("POST", "/v1/chat/completions", JSON.stringify({ model: "gpt-4o-mini", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }));
};

/** Worker pids the primary's workers announced, in order. */
const announced = () => [...output.matchAll(/Latch worker (\d+) listening/g)].map((m) => m[1]!);

async function until(probe: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`${what}: not in time\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

beforeAll(async () => {
  const { createTestOrg } = await import("@/tests/helpers/org");
  fake = await startFakeProvider();
  const t = await createTestOrg(fake.url);
  ({ secret } = await t.key({ rpmLimit: 10_000, maxConcurrent: 50, budgets: [{ kind: "spend", period: "monthly", limit: 1_000 }] }));
  port = await freePort();
  primary = spawn(process.execPath, [SERVER_BUNDLE], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET,
      LATCH_ROLE: "gateway",
      LATCH_WORKERS: "2",
      LATCH_SERVER_TIMING: "true",
      LATCH_SHUTDOWN_GRACE_MS: "60000",
      LATCH_METRICS_TOKEN: METRICS_TOKEN,
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  primary.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  primary.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  await until(() => announced().length >= 2 || primary.exitCode !== null, "two workers listening", 180_000);
  expect(primary.exitCode).toBeNull();
});
afterAll(async () => {
  if (workerKey === undefined) Reflect.deleteProperty(process.env, "LATCH_ENCRYPTION_KEY");
  else process.env.LATCH_ENCRYPTION_KEY = workerKey;
  fake?.release();
  if (primary && primary.exitCode === null) {
    const exited = exitOf(primary);
    primary.kill("SIGTERM");
    const force = setTimeout(() => primary.kill("SIGKILL"), 60_000);
    await exited;
    clearTimeout(force);
  }
  await fake?.close();
});

describe("LATCH_WORKERS=2", () => {
  it("answers from both workers on one port, and /metrics counts the requests of both", async () => {
    const workers = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const answer = await chat();
      expect(answer.status).toBe(200);
      workers.add(answer.worker!);
    }
    expect([...workers].sort()).toEqual(announced().slice(0, 2).sort());

    // Whichever worker answers the scrape, it reports every worker's counters.
    for (let i = 0; i < 2; i++) {
      const scrape = await request("GET", "/metrics", undefined, METRICS_TOKEN);
      expect(scrape.status).toBe(200);
      const total = [...scrape.body.matchAll(/^latch_requests_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      expect(total).toBe(sent);
    }
  });

  it("replaces a killed worker; requests sent after the kill are all answered", async () => {
    const [victim, survivor] = announced().slice(-2);
    const before = announced().length;
    process.kill(Number(victim), "SIGKILL");
    // A connection handed over at the instant it died dies with it, like its requests in flight;
    // from the primary's noticing on (at once), until the replacement is up, the survivor gets them all.
    await until(() => output.includes(`worker ${victim} exited`), "the primary noticing");
    for (let i = 0; i < 6; i++) {
      const answer = await chat();
      expect(answer.status).toBe(200);
      expect([survivor, ...announced().slice(before)]).toContain(answer.worker);
    }
    await until(() => announced().length > before, "a replacement worker");
    const replacement = announced().at(-1)!;
    expect(replacement).not.toBe(victim);
    const workers = new Set<string>();
    for (let i = 0; i < 8; i++) workers.add((await chat()).worker!);
    expect([...workers].sort()).toEqual([survivor, replacement].sort());
  }, 240_000);

  it("SIGHUP replaces every worker one at a time, refusing nothing meanwhile", async () => {
    const old = new Set(announced().slice(-2));
    const before = announced().length;
    const reloads = (output.match(/reload done/g) ?? []).length;
    primary.kill("SIGHUP");
    let answered = 0;
    while ((output.match(/reload done/g) ?? []).length === reloads) {
      expect((await chat()).status).toBe(200);
      answered++;
      if (answered > 100_000) throw new Error("reload did not finish");
    }
    const fresh = announced().slice(before);
    expect(fresh).toHaveLength(2);
    for (const pid of fresh) expect(old.has(pid)).toBe(false);
    const workers = new Set<string>();
    for (let i = 0; i < 8; i++) workers.add((await chat()).worker!);
    expect([...workers].sort()).toEqual([...fresh].sort());
  }, 240_000);

  it("SIGTERM drains: a request in flight is answered, then the primary exits 0", async () => {
    const seen = fake.requests.length;
    fake.hold();
    const inFlight = chat();
    await fake.waitForRequests(seen + 1);
    const exited = exitOf(primary);
    primary.kill("SIGTERM");
    await until(() => output.includes("SIGTERM: draining"), "the primary draining");
    fake.release();
    expect((await inFlight).status).toBe(200);
    expect(await exited).toBe(0);
  });
});
