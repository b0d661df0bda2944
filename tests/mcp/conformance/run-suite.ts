// Runs the official MCP conformance suite (server scenarios) against a URL and reads back its
// per-scenario checks. The suite's client cannot send a header, so a loopback proxy adds the
// virtual key as `Authorization: Bearer`, as a configured client would.
import { spawn } from "node:child_process";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const CLI = path.join(ROOT, "node_modules/@modelcontextprotocol/conformance/dist/index.js");

export async function withBearer(target: string, secret: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host, authorization: `Bearer ${secret}` };
    const out = http.request({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export type ScenarioResult = { scenario: string; passed: number; failed: number };

/** Runs the suite in a scratch directory and reads its summary (`✓ name: 1 passed, 0 failed`). */
export async function runConformance(url: string, args: string[] = []): Promise<{ scenarios: ScenarioResult[]; stdout: string }> {
  const cwd = mkdtempSync(path.join(tmpdir(), "latch-conformance-"));
  const child = spawn(process.execPath, ["--import", path.join(ROOT, "tests/mcp/conformance/node20-loader.mjs"), CLI, "server", "--url", url, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stdout += d.toString()));
  await new Promise((resolve) => child.on("exit", resolve));
  rmSync(cwd, { recursive: true, force: true });
  const scenarios = [...stdout.matchAll(/^[✓✗] ([\w-]+): (\d+) passed, (\d+) failed$/gmu)].map((m) => ({
    scenario: m[1]!,
    passed: Number(m[2]),
    failed: Number(m[3]),
  }));
  if (scenarios.length === 0) throw new Error(`the conformance suite printed no summary:\n${stdout.slice(-2000)}`);
  return { scenarios, stdout };
}
