// /v1/mcp-servers through a management token: create (SSRF-checked, credential write-only),
// test connection and tool discovery, read, update, delete, scopes and audit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

let app: TestGateway;
let github: UpstreamServer;
let org: ApiOrg;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  org = await createApiOrg();
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close()]);
});

describe("/v1/mcp-servers", () => {
  it("registers a server, tests it, lists its tools, updates and deletes it", async () => {
    const api = managementClient(app.url, (await org.token(["mcp:write"])).secret);
    const created = await api.call("createMcpServer", {
      body: {
        slug: "github",
        name: "GitHub",
        url: github.url,
        auth: { type: "bearer", token: UPSTREAM_TOKEN },
        price_per_call_usd: 0.002,
        tool_prices: { create_issue: 0.05 },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: "mcp_server",
      slug: "github",
      auth: { type: "bearer", header: null, secret_last4: UPSTREAM_TOKEN.slice(-4) },
      price_per_call_usd: 0.002,
      tool_prices: { create_issue: 0.05 },
      tool_count: 0,
    });
    expect(JSON.stringify(created.body)).not.toContain(UPSTREAM_TOKEN);
    const id = created.body.id as string;
    const stored = await db.mcpServer.findUniqueOrThrow({ where: { id } });
    expect(stored.encryptedSecret).not.toContain(UPSTREAM_TOKEN);

    const tested = await api.call("testMcpServer", { params: { id } });
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, server_info: { name: "fake-github" }, error: null });
    expect(tested.body.tool_count).toBeGreaterThanOrEqual(4);

    const tools = await api.call("listMcpServerTools", { params: { id } });
    const create = (tools.body.data as { name: string; namespaced_name: string; input_schema: { properties: object } }[]).find(
      (t) => t.name === "create_issue",
    );
    expect(create?.namespaced_name).toBe("github__create_issue");
    expect(create?.input_schema.properties).toHaveProperty("title");

    expect((await api.call("listMcpServers")).body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    expect((await api.call("getMcpServer", { params: { id } })).body.tool_count).toBe(tested.body.tool_count);

    const updated = await api.call("updateMcpServer", {
      params: { id },
      body: { enabled: false, auth: { type: "header", header: "X-Api-Key", value: "other-secret" } },
    });
    expect(updated.body).toMatchObject({ enabled: false, auth: { type: "header", header: "X-Api-Key", secret_last4: "cret" } });
    // The upstream wants its bearer token: with the header credential the test fails, and says why.
    const failing = await api.call("testMcpServer", { params: { id } });
    expect(failing.body).toMatchObject({ ok: false, error: expect.stringMatching(/refused the credential/) });

    const deleted = await api.call("deleteMcpServer", { params: { id } });
    expect(deleted.body).toEqual({ id, object: "mcp_server", deleted: true });
    expect((await api.call("getMcpServer", { params: { id } })).status).toBe(404);

    const actions = (await db.auditEvent.findMany({ where: { orgId: org.org.id, targetId: id }, orderBy: { createdAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["mcp_server.created", "mcp_server.updated", "mcp_server.deleted"]);
  });

  it("refuses metadata and link-local URLs, and duplicate slugs", async () => {
    const api = managementClient(app.url, (await org.token(["mcp:write"])).secret);
    const metadata = await api.call("createMcpServer", { body: { slug: "meta", name: "Meta", url: "http://169.254.169.254/mcp" } });
    expect(metadata.status).toBe(400);
    expect(metadata.body.error).toMatchObject({ code: "url_not_allowed", param: "url" });
    const bad = await api.call("createMcpServer", { body: { slug: "Bad_Slug", name: "x", url: github.url } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("slug");
    expect((await api.call("createMcpServer", { body: { slug: "dup", name: "x", url: github.url } })).status).toBe(201);
    expect((await api.call("createMcpServer", { body: { slug: "dup", name: "x", url: github.url } })).status).toBe(409);
  });

  it("allows reads with mcp:read, refuses writes without mcp:write, and hides other orgs' servers", async () => {
    const writer = managementClient(app.url, (await org.token(["mcp:write"])).secret);
    const { body } = await writer.call("createMcpServer", { body: { slug: "scoped", name: "Scoped", url: github.url } });
    const reader = managementClient(app.url, (await org.token(["mcp:read"])).secret);
    expect((await reader.call("getMcpServer", { params: { id: body.id } })).status).toBe(200);
    expect((await reader.call("createMcpServer", { body: { slug: "nope", name: "x", url: github.url } })).status).toBe(403);
    const keysOnly = managementClient(app.url, (await org.token(["keys:read"])).secret);
    expect((await keysOnly.call("listMcpServers")).status).toBe(403);
    const other = await createApiOrg();
    const outsider = managementClient(app.url, (await other.token(["mcp:write"])).secret);
    expect((await outsider.call("getMcpServer", { params: { id: body.id } })).status).toBe(404);
    expect((await outsider.call("testMcpServer", { params: { id: body.id } })).status).toBe(404);
  });
});
