// Self-service MCP tools, on the same path as models: a developer's key gets the tools inside
// the guardrails at once, a wider ask becomes a request, and once an approver grants it the
// key's /mcp lists the granted tools. Each step is checked on a real /mcp session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createGuardedOrg, DEFAULT_VALUES, GUARDRAILS, type GuardedOrg } from "@/tests/helpers/guarded-org";
import { db } from "@/lib/db";
import { createMcpServer } from "@/lib/mcp/servers/create";
import { testMcpServer } from "@/lib/mcp/servers/test";
import { selfServiceCreateKey } from "@/lib/key-requests/self-service-create";
import { selfServiceUpdateKey } from "@/lib/key-requests/self-service-update";
import { approveKeyRequest } from "@/lib/key-requests/approve";
import { EditKeyForm } from "@/lib/keys/portal-form";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

let app: TestGateway;
let github: UpstreamServer;
let t: GuardedOrg;

beforeAll(async () => {
  [app, github] = await Promise.all([startAppServer(), startUpstreamServer({ token: UPSTREAM_TOKEN })]);
  t = await createGuardedOrg();
  await db.organization.update({ where: { id: t.org.id }, data: { maxKeyPolicy: { ...GUARDRAILS.maxKeyPolicy, allowedTools: ["github/create_*"] } } });
  const server = await createMcpServer({
    actor: t.admin.actor,
    input: { slug: "github", name: "GitHub", url: github.url, auth: { kind: "bearer", token: UPSTREAM_TOKEN } },
  });
  expect((await testMcpServer({ actor: t.admin.actor, serverId: server.id })).ok).toBe(true);
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close()]);
});

const toolNames = async (secret: string) => {
  const client = await connectClient(`${app.url}/mcp`, secret);
  const names = (await client.listTools()).tools.map((t) => t.name);
  await client.close();
  return names.sort();
};

async function newKey(tools?: string[]) {
  const result = await selfServiceCreateKey({
    actor: t.developer.actor,
    input: { name: "agent", values: { ...DEFAULT_VALUES, ...(tools ? { tools } : {}) }, justification: "The release bot opens and closes issues." },
  });
  return result;
}

describe("self-service MCP tools", () => {
  it("gives a key created without a tool list the guardrails' tools, not every tool", async () => {
    const result = await newKey();
    expect(result.kind).toBe("granted");
    if (result.kind !== "granted") return;
    expect(await toolNames(result.key.secret)).toEqual(["github__create_issue"]);
  });

  it("grants tools within the guardrails at once, and turns a wider ask into a request", async () => {
    const narrow = await newKey(["github/create_issue"]);
    expect(narrow.kind).toBe("granted");
    const wide = await newKey(["github/*"]);
    expect(wide).toMatchObject({ kind: "requested", exceeded: [{ field: "tools", asked: ["github/*"], allowed: ["github/create_*"] }] });
  });

  it("applies an edit's wider tools once an approver grants them", async () => {
    const created = await newKey();
    if (created.kind !== "granted") throw new Error("expected a key");
    const keyId = created.key.id;
    const values = { ...DEFAULT_VALUES, tools: ["github/create_*", "github/delete_repo"] };
    const edit = await selfServiceUpdateKey({ actor: t.developer.actor, input: { keyId, values, justification: "Cleaning up test repositories." } });
    expect(edit).toMatchObject({ kind: "requested", exceeded: [{ field: "tools", asked: ["github/delete_repo"] }] });
    if (edit.kind !== "requested") return;
    expect(await toolNames(created.key.secret)).toEqual(["github__create_issue"]);

    await approveKeyRequest({ actor: t.approver.actor, input: { requestId: edit.requestId } });
    expect(await toolNames(created.key.secret)).toEqual(["github__create_issue", "github__delete_repo"]);

    // Narrowing again is within the guardrails and applies at once.
    const narrowed = await selfServiceUpdateKey({ actor: t.developer.actor, input: { keyId, values: { ...DEFAULT_VALUES, tools: ["github/create_issue"] } } });
    expect(narrowed.kind).toBe("updated");
    expect(await toolNames(created.key.secret)).toEqual(["github__create_issue"]);
  });
});

describe("the portal's key forms", () => {
  it("read the MCP tools field as the ask's tools, and a form without it as silent on tools", () => {
    const base = { name: "k", models: "echo", spendPeriod: "monthly" };
    expect(EditKeyForm.parse({ ...base, tools: "github/create_*, github/delete_repo" }).values.tools).toEqual(["github/create_*", "github/delete_repo"]);
    expect(EditKeyForm.parse(base).values.tools).toBeUndefined();
    expect(EditKeyForm.safeParse({ ...base, tools: "github/<script>" }).success).toBe(false);
  });
});
