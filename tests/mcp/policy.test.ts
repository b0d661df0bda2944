// Tool policy and limits on Latch's /mcp, each shown to allow and to refuse: hidden and denied
// tools, org-level server rules, calls per minute, price per call against a spend budget,
// argument and result sizes, revocation closing open sessions, and list_changed refreshes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { waitFor } from "@/tests/helpers/org";
import { setMcpPolicy } from "@/lib/mcp/policy/set-policy";
import { revokeKey } from "@/lib/keys/revoke";
import { openCount } from "@/lib/mcp/gateway/sessions";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, createMcpOrg, textOf, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";
import type { McpPolicy } from "@/lib/mcp/policy/schemas";

let app: TestGateway;
let github: UpstreamServer;
let org: Awaited<ReturnType<typeof createMcpOrg>>;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  org = await createMcpOrg({ github: github.url });
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

describe("allowed and denied tools", () => {
  it("hides a denied tool from tools/list and refuses a call naming the rule", async () => {
    const key = await keyWith({ deniedTools: ["github/delete_*"] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("github__create_issue");
    expect(names).not.toContain("github__delete_repo");
    await expect(client.callTool({ name: "github__delete_repo", arguments: { repo: "x" } })).rejects.toThrow(/key\.deniedTools/);
    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: "t" } }))).toContain("created");
    await client.close();
  });

  it("shows only the allowed tools when the key has an allow list", async () => {
    const key = await keyWith({ allowedTools: ["create_issue"] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(["github__create_issue"]);
    await expect(client.callTool({ name: "github__big_result", arguments: { n: 1 } })).rejects.toThrow(/key\.allowedTools/);
    await client.close();
  });

  it("applies the org's server rules to every key, and hides a denied server's endpoint", async () => {
    const key = await org.key();
    await setMcpPolicy({ actor: org.adminActor, target: { kind: "org" }, input: { deniedServers: ["git*"] } });
    try {
      const client = await connectClient(`${app.url}/mcp`, key.secret);
      expect((await client.listTools()).tools).toEqual([]);
      await expect(client.callTool({ name: "github__create_issue", arguments: { title: "t" } })).rejects.toThrow(/org\.deniedServers/);
      await client.close();
      await expect(connectClient(`${app.url}/mcp/github`, key.secret)).rejects.toThrow(/No MCP server/);
    } finally {
      await setMcpPolicy({ actor: org.adminActor, target: { kind: "org" }, input: {} });
    }
    const client = await connectClient(`${app.url}/mcp/github`, key.secret);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await client.close();
  });

  it("refuses a developer setting the org's MCP policy", async () => {
    await expect(setMcpPolicy({ actor: org.developerActor, target: { kind: "org" }, input: {} })).rejects.toThrow(/permission/);
  });
});

describe("limits", () => {
  it("allows calls per minute up to the key's limit, then refuses naming the rule", async () => {
    const key = await keyWith({ callsPerMinute: 2 });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    for (let i = 0; i < 2; i++) expect((await client.callTool({ name: "github__create_issue", arguments: { title: `${i}` } })).isError).toBeFalsy();
    const refused = await client.callTool({ name: "github__create_issue", arguments: { title: "3" } });
    expect(refused.isError).toBe(true);
    expect(refusalRule(refused)).toBe("key.callsPerMinute");
    await client.close();
  });

  it("does not count model requests' window against tool calls (own counters)", async () => {
    const key = await keyWith({ callsPerMinute: 5 }, { rpmLimit: 1 });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    for (let i = 0; i < 3; i++) expect((await client.callTool({ name: "github__create_issue", arguments: { title: `${i}` } })).isError).toBeFalsy();
    await client.close();
  });

  it("refuses arguments and results over the size limits", async () => {
    const key = await keyWith({ maxArgumentBytes: 40, maxResultBytes: 200 });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect((await client.callTool({ name: "github__big_result", arguments: { n: 10 } })).isError).toBeFalsy();
    const bigArgs = await client.callTool({ name: "github__create_issue", arguments: { title: "y".repeat(100) } });
    expect(refusalRule(bigArgs)).toBe("key.maxArgumentBytes");
    const bigResult = await client.callTool({ name: "github__big_result", arguments: { n: 1000 } });
    expect(refusalRule(bigResult)).toBe("key.maxResultBytes");
    expect(textOf(bigResult)).not.toContain("xxxxxxxxxx");
    await client.close();
  });
});

describe("price per call against the key's spend budget", () => {
  it("charges each call and refuses once the budget is spent", async () => {
    const priced = await createMcpOrg({ github: github.url }, { pricePerCallUsd: 0.01 });
    const key = await priced.key({ budgets: [{ kind: "spend", period: "daily", limit: 0.025 }] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    for (let i = 0; i < 2; i++) expect((await client.callTool({ name: "github__create_issue", arguments: { title: `${i}` } })).isError).toBeFalsy();
    const refused = await client.callTool({ name: "github__create_issue", arguments: { title: "over" } });
    expect(refused.isError).toBe(true);
    expect(refusalRule(refused)).toBe("budget");
    expect(textOf(refused)).toMatch(/budget|spend/i);
    await client.close();
  });
});

describe("revocation", () => {
  it("closes the key's open streams and in-flight calls at once, and refuses its next request", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await client.listTools();
    // The SDK client holds a GET stream for server notifications once initialised.
    await waitFor(async () => openCount(key.id) >= 1);
    // Its outcome is taken at once: the revocation may cancel it before the assertion below is reached.
    const inFlight = client.callTool({ name: "github__wait", arguments: {} }).then(
      () => new Error("the call was not cancelled"),
      (err: unknown) => err,
    );
    await waitFor(async () => openCount(key.id) >= 2);
    await revokeKey({ actor: org.adminActor, keyId: key.id });
    expect(String(await inFlight)).toMatch(/cancelled/);
    await waitFor(async () => openCount(key.id) === 0);
    await expect(client.listTools()).rejects.toThrow(/403|revoked/);
    await client.close();
  });
});

describe("discovered tools", () => {
  it("refreshes on the upstream's list_changed and tells connected clients", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await client.callTool({ name: "github__create_issue", arguments: { title: "warm the pool" } });
    let notified = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void notified++);
    github.addTool("close_issue");
    await waitFor(async () => (await client.listTools()).tools.some((t) => t.name === "github__close_issue"));
    await waitFor(async () => notified > 0);
    expect(textOf(await client.callTool({ name: "github__close_issue", arguments: {} }))).toBe("close_issue");
    await client.close();
  });
});
