// Sampling and elicitation relayed from an upstream to the client making the tool call, on the
// aggregated /mcp: the client's answer reaches the upstream, and a client that did not declare
// the capability is never asked (the upstream gets an error and the call says so).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg } from "@/tests/helpers/org";
import { createMcpServer } from "@/lib/mcp/servers/create";
import { testMcpServer } from "@/lib/mcp/servers/test";
import { startConformanceUpstream } from "./conformance/upstream";
import { textOf } from "./fixtures/latch-mcp";

let app: TestGateway;
let upstream: Awaited<ReturnType<typeof startConformanceUpstream>>;
let secret: string;

beforeAll(async () => {
  [app, upstream] = await Promise.all([startAppServer(), startConformanceUpstream()]);
  const org = await createTestOrg("http://127.0.0.1:9");
  const server = await createMcpServer({ actor: org.adminActor, input: { slug: "helper", name: "Helper", url: upstream.url } });
  expect((await testMcpServer({ actor: org.adminActor, serverId: server.id })).ok).toBe(true);
  secret = (await org.key()).secret;
});
afterAll(async () => {
  await Promise.all([app?.close(), upstream?.close()]);
});

async function client(capabilities: Record<string, object>) {
  const c = new Client({ name: "agent", version: "1.0.0" }, { capabilities });
  await c.connect(new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${secret}` } } }));
  return c;
}

describe("sampling and elicitation through /mcp", () => {
  it("relays the upstream's sampling and elicitation requests to the calling client and its answers back", async () => {
    const c = await client({ sampling: {}, elicitation: {} });
    const asked: string[] = [];
    c.setRequestHandler(CreateMessageRequestSchema, (r) => {
      asked.push(JSON.stringify(r.params.messages));
      return { role: "assistant", content: { type: "text", text: "forty-two" }, model: "client-model" };
    });
    c.setRequestHandler(ElicitRequestSchema, () => ({ action: "accept", content: { username: "ada", email: "ada@example.test" } }));
    expect(textOf(await c.callTool({ name: "helper__test_sampling", arguments: { prompt: "the answer?" } }))).toContain("forty-two");
    expect(asked[0]).toContain("the answer?");
    expect(textOf(await c.callTool({ name: "helper__test_elicitation", arguments: { message: "who?" } }))).toContain('"username":"ada"');
    await c.close();
  });

  it("does not ask a client that did not declare sampling", async () => {
    const c = await client({});
    const result = await c.callTool({ name: "helper__test_sampling", arguments: { prompt: "x" } }).catch((e: Error) => e);
    expect(String(result instanceof Error ? result.message : textOf(result))).toMatch(/does not support sampling/);
    await c.close();
  });
});
