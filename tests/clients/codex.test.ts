// Codex (the real CLI, pinned in devDependencies) through Latch over the Responses API: an
// exec_command tool round trip against a GPT route and against a Claude route (translated).
// A throwaway CODEX_HOME holds the config.toml a user would write; loopback only.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ANTHROPIC_SECRET, CLAUDE_MODEL, GPT_MODEL, leaked, OPENAI_SECRET, RESULT_PREFIX, RUN_MARKER, startRig, UPSTREAM_MODEL, type Rig } from "./harness";
import { BIN, runCli, scratchDir } from "./run-cli";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

/** The config.toml of docs/clients/codex.md, pointed at the test gateway. */
function codexConfig(baseUrl: string, model: string): string {
  return [
    `model = "${model}"`,
    `model_provider = "latch"`,
    `approval_policy = "never"`,
    `sandbox_mode = "danger-full-access"`,
    ``,
    `[model_providers.latch]`,
    `name = "Latch"`,
    `base_url = "${baseUrl}/v1"`,
    `env_key = "LATCH_API_KEY"`,
    `wire_api = "responses"`,
    ``,
  ].join("\n");
}

type CodexEvent = {
  type: string;
  item?: { type: string; text?: string; command?: string; aggregated_output?: string; exit_code?: number | null };
  usage?: Record<string, number>;
};

/** `overrides` are `-c key=value` settings on top of config.toml. */
async function codex(model: string, prompt: string, secret: string, overrides: string[]) {
  const home = scratchDir("codex-home");
  fs.writeFileSync(path.join(home, "config.toml"), codexConfig(rig.gateway.url, model));
  const run = await runCli(BIN.codex, ["exec", "--json", "--skip-git-repo-check", ...overrides.flatMap((o) => ["-c", o]), prompt], {
    cwd: scratchDir("codex-work"),
    env: { HOME: home, CODEX_HOME: home, LATCH_API_KEY: secret },
  });
  expect(run.timedOut, run.stderr).toBe(false);
  const events = run.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as CodexEvent);
  return { ...run, events };
}

function completed(events: CodexEvent[], type: string) {
  return events.filter((e) => e.type === "item.completed" && e.item?.type === type).map((e) => e.item!);
}

// A CLI start on a loaded machine takes seconds; runCli has its own hard timeout below this.
describe("Codex exec (wire_api = responses)", { timeout: 60_000 }, () => {
  // Codex's defaults also offer OpenAI's hosted `web_search` (Claude's server-side search on a Claude
  // route) and a `namespace` of sub-agent tools; the last case turns web search off, as on Bedrock.
  it.each([
    [GPT_MODEL, "defaults", "/v1/responses", OPENAI_SECRET, []],
    [CLAUDE_MODEL, "defaults", "/v1/messages", ANTHROPIC_SECRET, []],
    [CLAUDE_MODEL, "web_search disabled", "/v1/messages", ANTHROPIC_SECRET, ['web_search="disabled"']],
  ])("runs an exec_command round trip on %s (%s)", async (model, _config, upstreamPath, providerSecret, overrides) => {
    const key = await rig.newKey();
    const { events, code, stderr } = await codex(model, `${RUN_MARKER} echo latch-$((40+2))`, key.secret, overrides);
    const failure = events.find((e) => e.type === "turn.failed" || e.type === "error");
    expect(failure, JSON.stringify(failure)).toBeUndefined();
    const commands = completed(events, "command_execution");
    expect(commands, stderr).toHaveLength(1);
    expect(commands[0]!.exit_code).toBe(0);
    expect(commands[0]!.aggregated_output).toContain("latch-42");
    const messages = completed(events, "agent_message");
    expect(messages.at(-1)?.text).toContain(RESULT_PREFIX);
    expect(messages.at(-1)?.text).toContain("latch-42");
    expect(events.some((e) => e.type === "turn.completed")).toBe(true);
    expect(code).toBe(0);

    const upstream = rig.received(upstreamPath);
    expect(upstream).toHaveLength(2);
    for (const request of upstream) {
      const presented = request.headers["x-api-key"] ?? request.headers.authorization;
      expect(presented).toContain(providerSecret);
    }
    expect(leaked(rig.fake.requests, key.secret)).toBe(false);
    const metered = await rig.usage({ keyId: key.id, min: 2 });
    expect(metered.map((e) => [e.endpoint, e.model, e.outcome])).toEqual([
      ["responses", UPSTREAM_MODEL[model], "success"],
      ["responses", UPSTREAM_MODEL[model], "success"],
    ]);
  });
});
