// Latch's /mcp through the official SDK client: aggregation with namespacing, the single-server
// endpoint, the sealed upstream credential, and attribution of every call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { db } from "@/lib/db";
import { flushToolCalls } from "@/lib/mcp/calls/record";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { startEverythingServer } from "./fixtures/everything-server";
import { connectClient, createMcpOrg, textOf, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

let app: TestGateway;
let github: UpstreamServer;
let everything: { url: string; close(): Promise<void> };
let org: Awaited<ReturnType<typeof createMcpOrg>>;

beforeAll(async () => {
  [app, github, everything] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN }), startEverythingServer()]);
  org = await createMcpOrg({ github: github.url, everything: everything.url });
});

afterAll(async () => {
  await Promise.all([app?.close(), github?.close(), everything?.close()]);
});

describe("/mcp aggregates every server the key may use", () => {
  it("lists tools of both servers namespaced <server>__<tool>, and calls them", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect(client.getServerVersion()?.name).toBe("latch");
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["github__create_issue", "github__delete_repo", "everything__echo", "everything__get-sum"]));
    expect(names.every((n) => /^(github|everything)__/.test(n))).toBe(true);
    expect(tools.find((t) => t.name === "github__create_issue")?.inputSchema.properties).toHaveProperty("title");

    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: "Bug" } }))).toBe('created issue "Bug"');
    expect(textOf(await client.callTool({ name: "everything__echo", arguments: { message: "hi" } }))).toContain("hi");
    await client.close();
  });

  it("sends the upstream its sealed credential, never the virtual key", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await client.callTool({ name: "github__create_issue", arguments: { title: "secret check" } });
    await client.close();
    expect(github.authorizations.length).toBeGreaterThan(0);
    expect(new Set(github.authorizations)).toEqual(new Set([`Bearer ${UPSTREAM_TOKEN}`]));
    expect(github.authorizations.some((a) => a.includes(key.secret))).toBe(false);
  });

  it("answers an unknown tool with a JSON-RPC error", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await expect(client.callTool({ name: "github__nope", arguments: {} })).rejects.toThrow(/Unknown tool/);
    await expect(client.callTool({ name: "nope", arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();
  });

  it("refuses requests without a valid key, and sessions used with another key", async () => {
    const res = await fetch(`${app.url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const [a, b] = await Promise.all([org.key(), org.key()]);
    const client = await connectClient(`${app.url}/mcp`, a.secret);
    const sessionId = (client.transport as { sessionId?: string }).sessionId!;
    expect(sessionId).toBeTruthy();
    const stolen = await fetch(`${app.url}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${b.secret}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": sessionId,
        "mcp-protocol-version": "2025-11-25",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(stolen.status).toBe(404);
    await client.close();
  });
});

describe("browser origins", () => {
  const initialize = (origin: string | null, secret: string) =>
    fetch(`${app.url}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${secret}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "browser", version: "1" } },
      }),
    });

  it("refuses an Origin other than the portal's with a 403 JSON-RPC error, before looking at the key", async () => {
    const res = await initialize("http://evil.example.com", "not-even-a-key");
    expect(res.status).toBe(403);
    const body = (await res.json()) as { jsonrpc: string; error: { code: number; message: string } };
    expect(body.jsonrpc).toBe("2.0");
    expect(body.error.message).toMatch(/origin "http:\/\/evil\.example\.com" may not call/);
  });

  it("accepts the portal's own origin (APP_URL) and requests without an Origin", async () => {
    const key = await org.key();
    expect((await initialize("http://localhost:3000", key.secret)).status).toBe(200);
    expect((await initialize(null, key.secret)).status).toBe(200);
  });
});

describe("OAuth protected resource metadata (RFC 9728)", () => {
  it("points a 401 at the endpoint's metadata, which names the resource and the bearer header", async () => {
    for (const [path, resource] of [
      ["/mcp", "/mcp"],
      ["/mcp/github", "/mcp/github"],
    ]) {
      const res = await fetch(`${app.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: "{}",
      });
      expect(res.status).toBe(401);
      const challenge = res.headers.get("www-authenticate") ?? "";
      const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)?.[1];
      expect(metadataUrl).toBe(`http://localhost:3000/.well-known/oauth-protected-resource${resource}`);
      const metadata = await fetch(`${app.url}${new URL(metadataUrl!).pathname}`);
      expect(metadata.status).toBe(200);
      expect(await metadata.json()).toEqual({
        resource: `http://localhost:3000${resource}`,
        bearer_methods_supported: ["header"],
        resource_name: "Latch MCP gateway",
      });
    }
    expect((await (await fetch(`${app.url}/.well-known/oauth-protected-resource`)).json()).resource).toBe("http://localhost:3000/mcp");
    expect((await fetch(`${app.url}/.well-known/oauth-protected-resource/v1/keys`)).status).toBe(404);
  });
});

describe("/mcp/{server} exposes one server", () => {
  it("lists that server's tools under their own names", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp/github`, key.secret);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["create_issue", "delete_repo"]));
    expect(names.some((n) => n.includes("__") || n === "echo")).toBe(false);
    expect(textOf(await client.callTool({ name: "create_issue", arguments: { title: "direct" } }))).toBe('created issue "direct"');
    await client.close();
  });

  it("answers 404 for a server that is not registered", async () => {
    const key = await org.key();
    await expect(connectClient(`${app.url}/mcp/gitlab`, key.secret)).rejects.toThrow(/No MCP server .{0,4}gitlab/);
  });
});

describe("attribution", () => {
  it("records every call with key, user, team, server, tool, outcome and bytes", async () => {
    const key = await org.key();
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await client.callTool({ name: "github__create_issue", arguments: { title: "counted" } });
    await client.callTool({ name: "github__missing", arguments: {} }).catch(() => null);
    await client.close();
    await flushToolCalls();
    const rows = await db.toolCallEvent.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.serverSlug, r.tool, r.outcome, r.status])).toEqual([
      ["github", "create_issue", "ok", 200],
      ["", "github__missing", "refused", 404],
    ]);
    expect(rows[0]).toMatchObject({ orgId: org.org.id, userId: org.developer.id, serverId: org.servers.github.id });
    expect(rows[0]!.bytesIn).toBe(JSON.stringify({ title: "counted" }).length);
    expect(rows[0]!.bytesOut).toBeGreaterThan(0);
  });
});
