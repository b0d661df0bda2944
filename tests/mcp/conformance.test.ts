// The official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios)
// against Latch's /mcp/{server}, with Latch proxying to an upstream that implements the
// suite's tools, prompts and resources. Sampling and elicitation (requests from the upstream to
// the client) are not forwarded, so those scenarios are expected to fail; every other must pass.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg } from "@/tests/helpers/org";
import { createMcpServer } from "@/lib/mcp/servers/create";
import { testMcpServer } from "@/lib/mcp/servers/test";
import { startConformanceUpstream } from "./conformance/upstream";
import { runConformance, withBearer } from "./conformance/run-suite";

// The suite calls from the proxy's address as a browser page would (Origin: http://127.0.0.1:<port>):
// this deployment allows that origin, and the suite checks an unlisted one is refused.
vi.hoisted(() => {
  process.env.LATCH_MCP_ALLOWED_ORIGINS = "http://127.0.0.1:*";
});

const MUST_PASS = [
  "dns-rebinding-protection",
  "server-initialize",
  "ping",
  "tools-list",
  "tools-call-simple-text",
  "tools-call-image",
  "tools-call-audio",
  "tools-call-embedded-resource",
  "tools-call-mixed-content",
  "tools-call-error",
  "tools-call-with-progress",
  "server-sse-multiple-streams",
  "tools-call-with-logging",
  "logging-set-level",
  "completion-complete",
  "prompts-list",
  "prompts-get-simple",
  "prompts-get-with-args",
  "prompts-get-embedded-resource",
  "prompts-get-with-image",
  "resources-list",
  "resources-read-text",
  "resources-read-binary",
  "resources-templates-read",
  "resources-subscribe",
  "resources-unsubscribe",
];

let app: TestGateway;
let upstream: Awaited<ReturnType<typeof startConformanceUpstream>>;
let proxy: Awaited<ReturnType<typeof withBearer>>;

beforeAll(async () => {
  [app, upstream] = await Promise.all([startAppServer(), startConformanceUpstream()]);
  const org = await createTestOrg("http://127.0.0.1:9");
  const server = await createMcpServer({ actor: org.adminActor, input: { slug: "conformance", name: "Conformance", url: upstream.url } });
  expect((await testMcpServer({ actor: org.adminActor, serverId: server.id })).ok).toBe(true);
  const key = await org.key();
  proxy = await withBearer(app.url, key.secret);
});

afterAll(async () => {
  await Promise.all([app?.close(), upstream?.close(), proxy?.close()]);
});

describe("MCP conformance suite against Latch", () => {
  it("passes every tools, prompts, resources, logging and lifecycle scenario through /mcp/{server}", async () => {
    const { scenarios: all } = await runConformance(`${proxy.url}/mcp/conformance`);
    const ok = all.filter((s) => s.failed === 0).map((s) => s.scenario);
    const checks = all.reduce((n, s) => n + s.passed + s.failed, 0);
    console.log(
      `conformance: ${ok.length}/${all.length} scenarios passed, ${all.reduce((n, s) => n + s.passed, 0)}/${checks} checks; failed: ${all
        .filter((s) => s.failed > 0)
        .map((s) => s.scenario)
        .join(", ")}`,
    );
    expect(ok).toEqual(expect.arrayContaining(MUST_PASS));
  }, 120_000);
});
