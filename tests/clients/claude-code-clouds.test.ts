// Claude Code through Latch to Claude on the clouds: a Vertex AI route (rawPredict, betas
// filtered to what Vertex accepts) with a Bash tool round trip, and a Bedrock route (Converse),
// with everything Claude Code 2.1.332 puts in a request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBedrock, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createCloudOrg } from "@/tests/helpers/cloud-org";
import { RESULT_PREFIX, RUN_MARKER } from "./harness";
import { BIN, cleanupClis, runCli, scratchDir } from "./run-cli";

let bedrock: FakeBedrock;
let vertex: FakeVertex;
let gateway: TestGateway;
let secret: string;

beforeAll(async () => {
  [bedrock, vertex, gateway] = await Promise.all([startFakeBedrock(), startFakeVertex(), startAppServer()]);
  const org = await createCloudOrg(bedrock, vertex);
  secret = (await org.key()).secret;
});
afterAll(async () => {
  cleanupClis();
  await Promise.all([gateway.close(), bedrock.close(), vertex.close()]);
});

async function claude(model: string, prompt: string) {
  const home = scratchDir("claude-home");
  const run = await runCli(BIN.claude, ["-p", prompt, "--output-format", "json", "--allowedTools", "Bash"], {
    cwd: scratchDir("claude-work"),
    env: {
      HOME: home,
      CLAUDE_CONFIG_DIR: `${home}/.claude`,
      ANTHROPIC_BASE_URL: gateway.url,
      ANTHROPIC_AUTH_TOKEN: secret,
      ANTHROPIC_MODEL: model,
      ANTHROPIC_DEFAULT_HAIKU_MODEL: model,
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      DISABLE_TELEMETRY: "1",
      DISABLE_AUTOUPDATER: "1",
    },
  });
  expect(run.timedOut, run.stderr).toBe(false);
  return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as { result: string; is_error: boolean };
}

describe("Claude Code on Claude in the clouds", { timeout: 60_000 }, () => {
  it("Vertex AI: a Bash tool round trip", async () => {
    vertex.requests.length = 0;
    const json = await claude("vertex-sonnet", `${RUN_MARKER} echo latch-$((40+2))`);
    expect(json.result).toBe(`${RESULT_PREFIX} latch-42`);
    const calls = vertex.requests.filter((r) => r.kind === "streamRawPredict");
    expect(calls).toHaveLength(2);
    expect(calls.every((r) => !JSON.stringify(r).includes(secret))).toBe(true);
  });

  it("Bedrock: Claude Code's request (system turns, thinking, context management) is answered", async () => {
    const json = await claude("bedrock-sonnet", "hi");
    expect(json.is_error, json.result).toBe(false);
    expect(json.result).toBe("Hello from Bedrock");
  });
});
