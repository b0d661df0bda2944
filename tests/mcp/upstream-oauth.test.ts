// OAuth client credentials towards an upstream MCP server: the token endpoint passes the
// outbound guard, the client secret is sealed and goes only to the token endpoint, the token
// is fetched once and reused until it expires, and the MCP server sees only the token.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { startTokenServer, type TokenServer } from "./fixtures/token-server";
import { connectClient, textOf, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

const CLIENT_SECRET = "oauth-client-secret-value";

let app: TestGateway;
let github: UpstreamServer;
let tokens: TokenServer;
let org: ApiOrg;
let api: ReturnType<typeof managementClient>;

beforeAll(async () => {
  [app, github, tokens] = await Promise.all([
    startAppServer(),
    startUpstreamServer({ token: UPSTREAM_TOKEN }),
    startTokenServer({ clientId: "latch", clientSecret: CLIENT_SECRET, issue: UPSTREAM_TOKEN }),
  ]);
  org = await createApiOrg();
  api = managementClient(app.url, (await org.token(["keys:write", "mcp:write"])).secret);
});
afterAll(async () => {
  await Promise.all([app?.close(), github?.close(), tokens?.close()]);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("OAuth client credentials towards an upstream", () => {
  it("fetches a token with the sealed secret, reuses it until it expires, and sends the server only the token", async () => {
    const auth = { type: "oauth_client_credentials", token_url: tokens.url, client_id: "latch", client_secret: CLIENT_SECRET, scope: "repo" };
    const created = await api.call("createMcpServer", { body: { slug: "github", name: "GitHub", url: github.url, auth } });
    expect(created.status).toBe(201);
    expect(created.body.auth).toMatchObject({
      type: "oauth_client_credentials",
      token_url: tokens.url,
      client_id: "latch",
      scope: "repo",
      secret_last4: "alue",
    });
    expect(JSON.stringify(created.body)).not.toContain(CLIENT_SECRET);
    const stored = await db.mcpServer.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.encryptedSecret).not.toContain(CLIENT_SECRET);

    expect((await api.call("testMcpServer", { params: { id: created.body.id } })).body).toMatchObject({ ok: true });
    expect(new URLSearchParams(tokens.requests[0]!.body).get("scope")).toBe("repo");
    const key = (await api.call("createKey", { body: { name: "agent" } })).body.key as string;
    const client = await connectClient(`${app.url}/mcp`, key);
    for (let i = 0; i < 3; i++) expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: `t${i}` } }))).toContain("created");
    expect(tokens.requests.length).toBe(1);
    expect(new Set(github.authorizations)).toEqual(new Set([`Bearer ${UPSTREAM_TOKEN}`]));
    expect(github.authorizations.some((a) => a.includes(CLIENT_SECRET))).toBe(false);

    // Past the token's lifetime the next call fetches a new one.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 2 * 3600_000 });
    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: "later" } }))).toContain("created");
    expect(tokens.requests.length).toBe(2);
    await client.close();
  });

  it("refuses a token endpoint on a metadata address, and reports credentials the endpoint refuses", async () => {
    const metadata = await api.call("createMcpServer", {
      body: {
        slug: "meta",
        name: "Meta",
        url: github.url,
        auth: { type: "oauth_client_credentials", token_url: "http://169.254.169.254/token", client_id: "x", client_secret: "y" },
      },
    });
    expect(metadata.status).toBe(400);
    expect(metadata.body.error).toMatchObject({ code: "url_not_allowed", param: "auth.token_url" });

    const wrong = await api.call("createMcpServer", {
      body: {
        slug: "wrong",
        name: "Wrong",
        url: github.url,
        auth: { type: "oauth_client_credentials", token_url: tokens.url, client_id: "latch", client_secret: "nope" },
      },
    });
    const tested = await api.call("testMcpServer", { params: { id: wrong.body.id } });
    expect(tested.body.ok).toBe(false);
    expect(tested.body.error).toMatch(/token endpoint refused the client credentials \(HTTP 401\)/);
    expect(JSON.stringify(tested.body)).not.toContain("nope");
  });
});
