// `mcp_policy` on /v1/keys: set at creation, read back, replaced and removed with PATCH,
// validated by the policy's own schema, and enforced by /mcp on the key's next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

let app: TestGateway;
let github: UpstreamServer;
let org: ApiOrg;
let api: ReturnType<typeof managementClient>;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  org = await createApiOrg();
  api = managementClient(app.url, (await org.token(["keys:write", "mcp:write"])).secret);
  const server = await api.call("createMcpServer", {
    body: { slug: "github", name: "GitHub", url: github.url, auth: { type: "bearer", token: UPSTREAM_TOKEN } },
  });
  expect((await api.call("testMcpServer", { params: { id: server.body.id } })).body.ok).toBe(true);
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close()]);
});

const toolNames = async (secret: string) => {
  const client = await connectClient(`${app.url}/mcp`, secret);
  const names = (await client.listTools()).tools.map((t) => t.name);
  await client.close();
  return names;
};

describe("mcp_policy on /v1/keys", () => {
  it("is set at creation, read back, replaced and removed, and /mcp follows each change", async () => {
    const created = await api.call("createKey", {
      body: { name: "agent", owner_email: org.developer.email, mcp_policy: { denied_tools: ["github/delete_*"], calls_per_minute: 30 } },
    });
    expect(created.status).toBe(201);
    expect(created.body.mcp_policy).toEqual({ denied_tools: ["github/delete_*"], calls_per_minute: 30 });
    const { id, key } = created.body as { id: string; key: string };
    let names = await toolNames(key);
    expect(names).toContain("github__create_issue");
    expect(names).not.toContain("github__delete_repo");

    const patched = await api.call("updateKey", { params: { id }, body: { mcp_policy: { allowed_tools: ["github/delete_repo"] } } });
    expect(patched.status).toBe(200);
    expect(patched.body.mcp_policy).toEqual({ allowed_tools: ["github/delete_repo"] });
    expect((await api.call("getKey", { params: { id } })).body.mcp_policy).toEqual({ allowed_tools: ["github/delete_repo"] });
    expect(await toolNames(key)).toEqual(["github__delete_repo"]);

    expect((await api.call("updateKey", { params: { id }, body: { mcp_policy: null } })).body.mcp_policy).toEqual({});
    names = await toolNames(key);
    expect(names).toEqual(expect.arrayContaining(["github__create_issue", "github__delete_repo"]));
  });

  it("refuses a policy the schema refuses, naming the field, and leaves the key as it was", async () => {
    const created = await api.call("createKey", { body: { name: "strict", mcp_policy: { denied_servers: ["github"] } } });
    const id = created.body.id as string;
    const negative = await api.call("updateKey", { params: { id }, body: { name: "renamed", mcp_policy: { calls_per_minute: -1 } } });
    expect(negative.status).toBe(400);
    expect(negative.body.error.param).toMatch(/^mcp_policy\.calls_per_minute/);
    const unknown = await api.call("updateKey", { params: { id }, body: { mcp_policy: { allowedTools: ["x"] } } });
    expect(unknown.status).toBe(400);
    const after = await api.call("getKey", { params: { id } });
    expect(after.body).toMatchObject({ name: "strict", mcp_policy: { denied_servers: ["github"] } });
  });
});
