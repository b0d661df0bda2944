// `npm start`'s process: the compiled server (scripts/build-server.ts) run by plain `node`, here
// with LATCH_ROLE=gateway and NODE_ENV=production. It proxies a JSON and a streamed completion
// through a real key to the fake provider, answers /api/health (a lazily loaded chunk, with the
// migration status read from prisma/), and never had a TypeScript loader in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { freePort } from "@/e2e/fixtures/free-port";
import { SERVER_BUNDLE, TEST_BUNDLE_DIR } from "@/tests/helpers/server-bundle";

// The worker's process runs later test files too: the key is given back when this file ends.
const workerKey = process.env.LATCH_ENCRYPTION_KEY;
process.env.LATCH_ENCRYPTION_KEY = randomBytes(32).toString("base64");
const root = path.resolve(import.meta.dirname, "../..");
// Preloaded into the server: at exit it prints which file extensions the CommonJS loader knows
// (tsx, however imported, teaches it .ts) and the loader flags the process ran with.
const LOADER_PROBE = `data:text/javascript,${encodeURIComponent(
  `import { Module } from "node:module"; import fs from "node:fs";
   process.on("exit", () => fs.writeSync(1, "loaders " + JSON.stringify({ extensions: Object.keys(Module._extensions), execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS ?? "" }) + "\\n"));`,
)}`;

let fake: FakeProvider;
let secret: string;
let server: ChildProcess;
let url: string;
let output = "";

beforeAll(async () => {
  const { createTestOrg } = await import("@/tests/helpers/org");
  fake = await startFakeProvider();
  const t = await createTestOrg(fake.url);
  ({ secret } = await t.key({ rpmLimit: 1_000 }));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const { NODE_OPTIONS: _, ...env } = process.env;
  server = spawn(process.execPath, ["--import", LOADER_PROBE, SERVER_BUNDLE], {
    cwd: root,
    env: {
      ...env,
      NODE_ENV: "production",
      AUTH_SECRET: randomBytes(32).toString("base64"),
      LATCH_ROLE: "gateway",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: url,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes("listening on")) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(async () => {
  if (workerKey === undefined) Reflect.deleteProperty(process.env, "LATCH_ENCRYPTION_KEY");
  else process.env.LATCH_ENCRYPTION_KEY = workerKey;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await fake?.close();
});

const chat = (stream: boolean) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "hi" }] }),
  });

describe("the compiled server (node dist/server/server.mjs)", () => {
  it("is JavaScript that plain node runs: no .ts module in the bundle", () => {
    const files = fs.readdirSync(TEST_BUNDLE_DIR, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".mjs"));
    expect(files).toContain("server.mjs");
    for (const file of files) expect(fs.readFileSync(path.join(TEST_BUNDLE_DIR, file), "utf8")).not.toMatch(/from "[^"]*\.ts"|import\("[^"]*\.ts"\)|"tsx"/);
  });

  it("proxies a JSON completion with a real key", async () => {
    const res = await chat(false);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { object: string; choices: { message: { content: string } }[] };
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
  });

  it("proxies a streamed completion to its end", async () => {
    const res = await chat(true);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("answers /api/health with the database, Redis and migrations checked", async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as { status: string; migrations: { upToDate: boolean } };
    expect(health.status).toBe("ok");
    expect(health.migrations.upToDate).toBe(true);
  });

  it("ran without a TypeScript loader", async () => {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    const line = /^loaders (.*)$/m.exec(output);
    expect(line, output).not.toBeNull();
    const loaders = JSON.parse(line![1]!) as { extensions: string[]; execArgv: string[]; nodeOptions: string };
    expect(loaders.extensions).not.toContain(".ts");
    expect([...loaders.execArgv, loaders.nodeOptions].join(" ")).not.toMatch(/tsx/);
  });
});
