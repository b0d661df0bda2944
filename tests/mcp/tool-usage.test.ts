// Tool calls in the usage API, the export and the dashboard's breakdown: calls, refusals,
// errors and cost by server and tool, from the recorded ToolCallEvent rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient } from "@/tests/helpers/management-client";
import { flushToolCalls } from "@/lib/mcp/calls/record";
import { toolCallsExport } from "@/lib/mcp/calls/export";
import { toolCallsOverTime } from "@/lib/mcp/calls/usage";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

let app: TestGateway;
let github: UpstreamServer;
let org: Awaited<ReturnType<typeof createApiOrg>>;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  org = await createApiOrg();
  const admin = managementClient(app.url, (await org.token(["keys:write", "mcp:write"])).secret);
  const server = await admin.call("createMcpServer", {
    body: { slug: "github", name: "GitHub", url: github.url, auth: { type: "bearer", token: UPSTREAM_TOKEN }, price_per_call_usd: 0.01 },
  });
  await admin.call("testMcpServer", { params: { id: server.body.id } });
  const key = await admin.call("createKey", { body: { name: "agent", mcp_policy: { denied_tools: ["github/delete_repo"] } } });
  const client = await connectClient(`${app.url}/mcp`, key.body.key as string);
  for (let i = 0; i < 2; i++) await client.callTool({ name: "github__create_issue", arguments: { title: `${i}` } });
  await client.callTool({ name: "github__delete_repo", arguments: { repo: "x" } }).catch(() => null);
  await client.close();
  await flushToolCalls();
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close()]);
});

describe("tool calls in usage", () => {
  it("GET /v1/usage/tools totals calls, refusals and cost, by server and tool", async () => {
    const reader = managementClient(app.url, (await org.token(["usage:read"])).secret);
    const usage = await reader.call("getToolUsage");
    expect(usage.status).toBe(200);
    expect(usage.body.totals).toEqual({ calls: 3, ok: 2, tool_errors: 0, refused: 1, upstream_errors: 0, cost_usd: 0.02 });
    expect(usage.body.data).toEqual([
      { server: "github", tool: "create_issue", calls: 2, ok: 2, tool_errors: 0, refused: 0, upstream_errors: 0, cost_usd: 0.02 },
      { server: "github", tool: "delete_repo", calls: 1, ok: 0, tool_errors: 0, refused: 1, upstream_errors: 0, cost_usd: 0 },
    ]);
    const past = await reader.call("getToolUsage", { query: { start: "2020-01-01T00:00:00Z", end: "2020-02-01T00:00:00Z" } });
    expect(past.body.totals.calls).toBe(0);
    const keysOnly = managementClient(app.url, (await org.token(["keys:read"])).secret);
    expect((await keysOnly.call("getToolUsage")).status).toBe(403);
  });

  it("exports the calls (metadata only) and charts them by outcome", async () => {
    const actor = { kind: "system" as const, orgId: org.org.id };
    const { range } = parseDashboardParams({ range: "7d" });
    const csv = await new Response(toolCallsExport({ actor, range })).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/^id,createdAt,keyId,.*,serverSlug,tool,outcome,/);
    expect(lines.slice(1).map((l) => l.split(",").slice(7, 9).join(" "))).toEqual(["create_issue ok", "create_issue ok", "delete_repo refused"]);
    const chart = await toolCallsOverTime({ actor, range });
    expect(chart.series.map((s) => s.label)).toEqual(["OK", "Refused"]);
    const total = (key: string) => chart.rows.reduce((n, r) => n + Number(r[key]), 0);
    expect([total("ok"), total("refused")]).toEqual([2, 1]);
  });
});
