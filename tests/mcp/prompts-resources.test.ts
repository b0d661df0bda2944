// Prompts, resources, completion and resource subscriptions through Latch's /mcp, on the
// reference server and the fake GitHub server: namespaced on the aggregated endpoint, under the
// server's own names on /mcp/{server}, and under the same server rules as tools.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { waitFor } from "@/tests/helpers/org";
import { setMcpPolicy } from "@/lib/mcp/policy/set-policy";
import type { McpPolicy } from "@/lib/mcp/policy/schemas";
import { startUpstreamServer, README, type UpstreamServer } from "./fixtures/upstream-server";
import { startEverythingServer } from "./fixtures/everything-server";
import { connectClient, createMcpOrg, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

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

async function keyWith(policy: McpPolicy) {
  const key = await org.key();
  await setMcpPolicy({ actor: org.adminActor, target: { kind: "key", keyId: key.id }, input: policy });
  return key;
}

const DOC = "demo://resource/static/document/architecture.md";
const textOf = (contents: object[]) => contents.map((c) => ("text" in c && typeof c.text === "string" ? c.text : "")).join("");

describe("/mcp forwards prompts, resources and completion, namespaced per server", () => {
  it("lists and gets prompts as <server>__<prompt>", async () => {
    const client = await connectClient(`${app.url}/mcp`, (await org.key()).secret);
    const names = (await client.listPrompts()).prompts.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["everything__simple-prompt", "everything__args-prompt"]));
    expect(names.every((n) => n.startsWith("everything__"))).toBe(true);
    const got = await client.getPrompt({ name: "everything__args-prompt", arguments: { city: "Lyon" } });
    expect(JSON.stringify(got.messages)).toContain("Lyon");
    await expect(client.getPrompt({ name: "everything__nope" })).rejects.toThrow();
    await expect(client.getPrompt({ name: "nope" })).rejects.toThrow(/Unknown prompt/);
    await client.close();
  });

  it("lists resources and templates as <server>+<uri> and reads them through that URI", async () => {
    const client = await connectClient(`${app.url}/mcp`, (await org.key()).secret);
    const uris = (await client.listResources()).resources.map((r) => r.uri);
    expect(uris).toEqual(expect.arrayContaining([`everything+${DOC}`, `github+${README}`]));
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toContain("everything+demo://resource/dynamic/text/{resourceId}");

    const doc = await client.readResource({ uri: `everything+${DOC}` });
    expect(doc.contents[0]!.uri).toBe(`everything+${DOC}`);
    expect(textOf(doc.contents).length).toBeGreaterThan(0);
    expect(textOf((await client.readResource({ uri: `github+${README}` })).contents)).toBe("# latch");
    const dynamic = await client.readResource({ uri: "everything+demo://resource/dynamic/text/7" });
    expect(dynamic.contents[0]!.uri).toBe("everything+demo://resource/dynamic/text/7");
    await expect(client.readResource({ uri: DOC })).rejects.toThrow(/Unknown resource/);
    await client.close();
  });

  it("completes a prompt argument on the server behind the prompt", async () => {
    const client = await connectClient(`${app.url}/mcp`, (await org.key()).secret);
    const result = await client.complete({ ref: { type: "ref/prompt", name: "everything__completable-prompt" }, argument: { name: "department", value: "E" } });
    expect(result.completion.values.length).toBeGreaterThan(0);
    await client.close();
  });

  it("uses the server's own names on /mcp/{server}", async () => {
    const client = await connectClient(`${app.url}/mcp/everything`, (await org.key()).secret);
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toContain("simple-prompt");
    expect((await client.listResources()).resources.map((r) => r.uri)).toContain(DOC);
    expect(textOf((await client.readResource({ uri: DOC })).contents).length).toBeGreaterThan(0);
    await client.close();
  });

  it("relays an upstream's resources/updated to the session that subscribed", async () => {
    const client = await connectClient(`${app.url}/mcp`, (await org.key()).secret);
    const updates: string[] = [];
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => void updates.push(n.params.uri));
    await client.subscribeResource({ uri: `github+${README}` });
    // The client opens its notification stream on its own; touch until the update reaches it.
    await waitFor(async () => {
      await client.callTool({ name: "github__touch_readme", arguments: {} });
      return updates.length > 0;
    });
    expect(updates[0]).toBe(`github+${README}`);
    await client.close();
  });
});

describe("server rules apply to prompts and resources", () => {
  it("hides a denied server's prompts and resources and refuses them naming the rule", async () => {
    const key = await keyWith({ deniedServers: ["everything"] });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect((await client.listPrompts()).prompts).toEqual([]);
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual([`github+${README}`]);
    await expect(client.getPrompt({ name: "everything__simple-prompt" })).rejects.toThrow(/not allowed for this key \(rule: key\.deniedServers\)/);
    await expect(client.readResource({ uri: `everything+${DOC}` })).rejects.toThrow(/rule: key\.deniedServers/);
    await expect(client.subscribeResource({ uri: `everything+${DOC}` })).rejects.toThrow(/rule: key\.deniedServers/);
    await client.close();
  });

  it("refuses a resource larger than the result limit", async () => {
    const key = await keyWith({ maxResultBytes: 40 });
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    await expect(client.readResource({ uri: `everything+${DOC}` })).rejects.toThrow(/rule: key\.maxResultBytes/);
    await client.close();
  });
});
