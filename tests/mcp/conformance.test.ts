// The official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios)
// against Latch's /mcp/{server}, with Latch proxying to an upstream that implements the
// suite's tools, prompts, resources, logging, sampling and elicitation: every scenario must pass.
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

const SCENARIOS = 30;

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
  it("passes every server scenario through /mcp/{server}", async () => {
    const { scenarios: all } = await runConformance(`${proxy.url}/mcp/conformance`);
    const ok = all.filter((s) => s.failed === 0).map((s) => s.scenario);
    const checks = all.reduce((n, s) => n + s.passed + s.failed, 0);
    console.log(
      `conformance: ${ok.length}/${all.length} scenarios passed, ${all.reduce((n, s) => n + s.passed, 0)}/${checks} checks; failed: ${all
        .filter((s) => s.failed > 0)
        .map((s) => s.scenario)
        .join(", ")}`,
    );
    expect(all.length).toBe(SCENARIOS);
    expect(all.filter((s) => s.failed > 0).map((s) => s.scenario)).toEqual([]);
  }, 120_000);
});
