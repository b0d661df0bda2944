// Claude Code (the real CLI, pinned in devDependencies) through Latch: a Bash tool round trip
// with either way of passing the virtual key, the betas it sends reaching the provider, and
// metering on the key. Loopback only, telemetry and nonessential traffic off.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "@/e2e/fixtures/fake-provider";
import { ANTHROPIC_SECRET, CLAUDE_MODEL, headerValues, leaked, RESULT_PREFIX, RUN_MARKER, startRig, type Rig } from "./harness";
import { BIN, runCli, scratchDir } from "./run-cli";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

type ClaudeResult = { result: string; is_error: boolean; num_turns: number };

async function claude(prompt: string, auth: Record<string, string>, home = scratchDir("claude-home")) {
  const run = await runCli(BIN.claude, ["-p", prompt, "--output-format", "json", "--allowedTools", "Bash"], {
    cwd: scratchDir("claude-work"),
    env: {
      HOME: home,
      CLAUDE_CONFIG_DIR: `${home}/.claude`,
      ANTHROPIC_BASE_URL: rig.gateway.url,
      ANTHROPIC_MODEL: CLAUDE_MODEL,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: CLAUDE_MODEL,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_ERROR_REPORTING: "1",
      ...auth,
    },
  });
  expect(run.timedOut, run.stderr).toBe(false);
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  let parsed: ClaudeResult;
  try {
    parsed = JSON.parse(last) as ClaudeResult;
  } catch {
    throw new Error(`claude printed no JSON result (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
  return { ...run, json: parsed };
}

// One run per way of passing the key; what it sent and what was metered is checked in parts.
// A CLI start on a loaded machine takes seconds; runCli has its own hard timeout below this.
describe.each(["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"])("Claude Code with the key in %s", { timeout: 60_000 }, (variable) => {
  let json: ClaudeResult;
  let messages: RecordedRequest[];
  let key: { id: string; secret: string };

  beforeAll(async () => {
    key = await rig.newKey();
    rig.fake.reset();
    ({ json } = await claude(`${RUN_MARKER} echo latch-$((40+2))`, { [variable]: key.secret }));
    messages = rig.received("/v1/messages");
  }, 90_000);

  it("runs a Bash tool round trip", () => {
    expect(json.is_error).toBe(false);
    // The shell expanded the arithmetic, so the command ran on the client and its output came back.
    expect(json.result).toBe(`${RESULT_PREFIX} latch-42`);
    expect(json.num_turns).toBe(2);
    expect(messages).toHaveLength(2);
    for (const request of messages) {
      expect(request.headers["x-api-key"]).toBe(ANTHROPIC_SECRET);
      expect(request.headers.authorization).toBeUndefined();
    }
    expect(leaked(messages, key.secret)).toBe(false);
    // The route's upstream model, not the public name Claude Code asked for.
    expect((messages[0]!.json as { model: string }).model).toBe("claude-3-5-haiku-latest");
  });

  it("forwards the anthropic-beta values and the fields that need them", () => {
    const [first] = messages;
    const body = first!.json as Record<string, unknown>;
    const betas = headerValues([first!], "anthropic-beta");
    // Claude Code asks for context management and sends the field; the provider rejects the
    // field without the beta, so both must arrive together.
    expect(body.context_management).toBeDefined();
    expect(betas).toContain("context-management-2025-06-27");
    expect(betas).toContain("claude-code-20250219");
    expect(first!.headers["anthropic-version"]).toBe("2023-06-01");
  });

  it("meters every model call on the virtual key", async () => {
    const calls = await rig.usage({ keyId: key.id, min: 2, where: (e) => e.endpoint === "messages" });
    expect(calls).toHaveLength(2);
    for (const e of calls) {
      expect(e.outcome).toBe("success");
      expect(e.inputTokens).toBeGreaterThan(0);
      expect(e.userAgent).toContain("claude-cli/");
    }
  });
});

describe("Claude Code", { timeout: 60_000 }, () => {
  it("takes the key from an apiKeyHelper script, as from a secret store", async () => {
    const key = await rig.newKey();
    const home = scratchDir("claude-home");
    const helper = path.join(home, "latch-key.sh");
    fs.writeFileSync(helper, `#!/bin/sh\nprintf '%s' '${key.secret}'\n`, { mode: 0o700 });
    fs.mkdirSync(path.join(home, ".claude"));
    fs.writeFileSync(path.join(home, ".claude/settings.json"), JSON.stringify({ apiKeyHelper: helper }));
    const { json } = await claude(`${RUN_MARKER} echo helper-ok`, {}, home);
    expect(json.result).toBe(`${RESULT_PREFIX} helper-ok`);
    expect(await rig.usage({ keyId: key.id, min: 2 })).toHaveLength(2);
    expect(leaked(rig.fake.requests, key.secret)).toBe(false);
  });

  it("discovers the gateway's Claude models (only those the key may use) for its /model picker", async () => {
    const home = scratchDir("claude-home");
    await claude("hi", { ANTHROPIC_API_KEY: rig.key.secret, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: "1" }, home);
    const cache = JSON.parse(fs.readFileSync(path.join(home, ".claude/cache/gateway-models.json"), "utf8")) as {
      models: { id: string; display_name: string }[];
    };
    // Claude Code keeps only ids starting with "claude" or "anthropic" from an Anthropic-shaped list.
    expect(cache.models.map((m) => m.id)).toEqual([CLAUDE_MODEL]);
    expect(cache.models[0]!.display_name).toBeTruthy();
  });
});
