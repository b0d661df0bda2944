// Per-tool prices, and per-period tool-call quotas on the limits ledger, each shown to allow and to refuse: every
// call of a key per day, the tools a glob matches, calls that never reached the upstream not
// counted, and counters (quotas and spend caps with priced tool calls) rebuilt from Postgres
// after Redis lost them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { redis } from "@/lib/redis";
import { flushToolCalls } from "@/lib/mcp/calls/record";
import { setMcpPolicy } from "@/lib/mcp/policy/set-policy";
import type { McpPolicy } from "@/lib/mcp/policy/schemas";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, createMcpOrg, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";
import { db } from "@/lib/db";
import { updateMcpServer } from "@/lib/mcp/servers/update";

let app: TestGateway;
let github: UpstreamServer;
let org: Awaited<ReturnType<typeof createMcpOrg>>;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  org = await createMcpOrg({ github: github.url }, { pricePerCallUsd: 0.01 });
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close()]);
});

async function keyWith(policy: McpPolicy, extra: Parameters<typeof org.key>[0] = {}) {
  const key = await org.key(extra);
  await setMcpPolicy({ actor: org.adminActor, target: { kind: "key", keyId: key.id }, input: policy });
  return key;
}

const refusalRule = (result: { _meta?: Record<string, unknown> }) => (result._meta?.["latch/refusal"] as { rule?: string } | undefined)?.rule;

/** Redis forgets every budget counter of the org, as after a failover without persistence. */
async function loseCounters() {
  if (redis.kind !== "redis") throw new Error("these tests need Redis");
  await flushToolCalls();
  const keys = await redis.client.keys(`${redis.prefix}{o:${org.org.id}}:b:*`);
  if (keys.length) await redis.client.del(...keys);
  return keys.length;
}

describe("tool-call quotas", () => {
  it("allows a key's calls per day up to its quota, then refuses naming the rule; refused calls do not count", async () => {
    const key = await keyWith({ callsPerDay: 2, deniedTools: ["github/delete_repo"] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await expect(client.callTool({ name: "github__delete_repo", arguments: { repo: "x" } })).rejects.toThrow(/deniedTools/);
    for (let i = 0; i < 2; i++) expect((await client.callTool({ name: "github__create_issue", arguments: { title: `${i}` } })).isError).toBeFalsy();
    const refused = await client.callTool({ name: "github__big_result", arguments: { n: 1 } });
    expect(refusalRule(refused)).toBe("key.callsPerDay");
    expect(JSON.stringify(refused.content)).toMatch(/2 calls per day/);
    await client.close();
  });

  it("counts the tools a glob matches together, leaving the others free", async () => {
    const key = await keyWith({ toolQuotas: [{ tool: "github/create_*", perDay: 1 }] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect((await client.callTool({ name: "github__create_issue", arguments: { title: "a" } })).isError).toBeFalsy();
    expect(refusalRule(await client.callTool({ name: "github__create_issue", arguments: { title: "b" } }))).toBe("key.toolQuotas[github/create_*].perDay");
    for (let i = 0; i < 3; i++) expect((await client.callTool({ name: "github__big_result", arguments: { n: 1 } })).isError).toBeFalsy();
    await client.close();
  });

  it("rebuilds a quota's counter from the recorded calls after Redis lost it", async () => {
    const key = await keyWith({ callsPerMonth: 3 });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    for (let i = 0; i < 2; i++) expect((await client.callTool({ name: "github__big_result", arguments: { n: 1 } })).isError).toBeFalsy();
    expect(await loseCounters()).toBeGreaterThan(0);
    expect((await client.callTool({ name: "github__big_result", arguments: { n: 1 } })).isError).toBeFalsy();
    expect(refusalRule(await client.callTool({ name: "github__big_result", arguments: { n: 1 } }))).toBe("key.callsPerMonth");
    await client.close();
  });

  it("rebuilds a spend cap with the period's tool-call spend in it", async () => {
    const key = await keyWith({}, { budgets: [{ kind: "spend", period: "daily", limit: 0.025 }] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    for (let i = 0; i < 2; i++) expect((await client.callTool({ name: "github__big_result", arguments: { n: 1 } })).isError).toBeFalsy();
    expect(await loseCounters()).toBeGreaterThan(0);
    expect(refusalRule(await client.callTool({ name: "github__big_result", arguments: { n: 1 } }))).toBe("budget");
    await client.close();
  });
});

describe("per-tool prices", () => {
  it("charge a tool its own price, the others the server's, against the same budget", async () => {
    await updateMcpServer({ actor: org.adminActor, input: { serverId: org.servers.github.id, toolPrices: { create_issue: 0.02 } } });
    const key = await keyWith({}, { budgets: [{ kind: "spend", period: "daily", limit: 0.025 }] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect((await client.callTool({ name: "github__create_issue", arguments: { title: "a" } })).isError).toBeFalsy();
    expect(refusalRule(await client.callTool({ name: "github__big_result", arguments: { n: 1 } }))).toBe("budget");
    await client.close();
    await flushToolCalls();
    const rows = await db.toolCallEvent.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" }, select: { tool: true, costUsd: true } });
    expect(rows.map((r) => [r.tool, r.costUsd === null ? null : Number(r.costUsd)])).toEqual([
      ["create_issue", 0.02],
      ["big_result", null],
    ]);
  });
});
