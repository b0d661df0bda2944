// A real agent through Latch's /mcp: Claude Code (`claude -p`) with Latch configured as an HTTP
// MCP server (the virtual key as Bearer) calls a tool of the fake GitHub server when the
// scripted model asks for it; the upstream sees only its sealed credential.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { db } from "@/lib/db";
import { flushToolCalls } from "@/lib/mcp/calls/record";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { createMcpOrg, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";
import { startFakeAnthropic } from "./fixtures/fake-anthropic";

const CLAUDE = path.resolve(import.meta.dirname, "../../node_modules/.bin/claude");
const TOOL = "mcp__latch__github__create_issue";

let app: TestGateway;
let github: UpstreamServer;
let model: Awaited<ReturnType<typeof startFakeAnthropic>>;
let home: string;

beforeAll(async () => {
  [app, github, model] = await Promise.all([
    startAppServer(),
    startUpstreamServer({ token: UPSTREAM_TOKEN }),
    startFakeAnthropic({ tool: TOOL, input: { title: "from claude" } }),
  ]);
  home = mkdtempSync(path.join(tmpdir(), "latch-claude-"));
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close(), model?.close()]);
  rmSync(home, { recursive: true, force: true });
});

function runClaude(args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(CLAUDE, args, {
    cwd: home,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH,
      HOME: home,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_AUTOUPDATER: "1",
      // MCP tools are offered to the model directly, not behind the deferred tool search.
      ENABLE_TOOL_SEARCH: "false",
      ANTHROPIC_BASE_URL: model.url,
      ANTHROPIC_API_KEY: "sk-ant-fake-model-key",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill(), 90_000);
  return new Promise((resolve) => child.on("exit", (code) => (clearTimeout(timer), resolve({ code, out }))));
}

describe("Claude Code through Latch's /mcp", () => {
  it("calls an MCP tool through Latch with its virtual key", async () => {
    const org = await createMcpOrg({ github: github.url });
    const key = await org.key();
    const config = path.join(home, "mcp.json");
    writeFileSync(
      config,
      JSON.stringify({ mcpServers: { latch: { type: "http", url: `${app.url}/mcp`, headers: { Authorization: `Bearer ${key.secret}` } } } }),
    );
    const seenBefore = github.authorizations.length;
    const { code, out } = await runClaude([
      "-p",
      "Open an issue titled 'from claude'.",
      "--mcp-config",
      config,
      "--strict-mcp-config",
      "--allowedTools",
      TOOL,
      "--model",
      "claude-sonnet-4-6",
    ]);
    expect(model.seen.toolOffered, `${out}\ntools offered: ${[...new Set(model.seen.tools)].join(", ")}`).toBe(true);
    expect(model.seen.toolResult, out).toContain('created issue "from claude"');
    expect(out).toContain('Tool said: created issue "from claude"');
    expect(code).toBe(0);
    expect(github.authorizations.slice(seenBefore).every((a) => a === `Bearer ${UPSTREAM_TOKEN}`)).toBe(true);
    await flushToolCalls();
    expect(await db.toolCallEvent.count({ where: { keyId: key.id, tool: "create_issue", outcome: "ok" } })).toBe(1);
  }, 120_000);
});
