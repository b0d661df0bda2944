// The data-classification scan on tool calls, with the chat path's detectors and settings:
// block refuses naming the classes (arguments before the upstream sees them, results before the
// client does), redact sends the upstream placeholders, log_only passes and records; each
// finding (classes and counts, never the text) is on the ToolCallEvent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { db } from "@/lib/db";
import { flushToolCalls } from "@/lib/mcp/calls/record";
import { updateClassificationSettings } from "@/lib/orgs/classification";
import { startUpstreamServer, type UpstreamServer } from "./fixtures/upstream-server";
import { connectClient, createMcpOrg, textOf, UPSTREAM_TOKEN } from "./fixtures/latch-mcp";

const EMAIL = "jane.doe@example.com";

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

async function keyWith(action: "block" | "redact" | "log_only" | null) {
  const key = await org.key();
  if (action) await updateClassificationSettings({ actor: org.adminActor, input: { keys: [{ keyId: key.id, maxLevel: "public", action }] } });
  return key;
}

async function events(keyId: string) {
  await flushToolCalls();
  return db.toolCallEvent.findMany({ where: { keyId }, orderBy: { createdAt: "asc" }, select: { tool: true, outcome: true, errorCode: true, findings: true } });
}

describe("classification of tool arguments and results", () => {
  it("blocks arguments above the key's level, naming the classes, before the upstream sees them", async () => {
    const key = await keyWith("block");
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    const seen = github.authorizations.length;
    await expect(client.callTool({ name: "github__create_issue", arguments: { title: `mail ${EMAIL}` } })).rejects.toThrow(
      /arguments contain data classified above this key's allowed level \(public\): email/,
    );
    expect(github.authorizations.length).toBe(seen);
    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: "no personal data" } }))).toContain("created");
    await client.close();
    expect((await events(key.id))[0]).toEqual({
      tool: "create_issue",
      outcome: "refused",
      errorCode: "data_classification_blocked",
      findings: { action: "block", arguments: { email: 1 } },
    });
  });

  it("blocks a result above the key's level before the client sees it", async () => {
    const key = await keyWith("block");
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    const err = await client.callTool({ name: "github__whoami", arguments: {} }).catch((e: Error) => e);
    expect(String(err)).toMatch(/result contains data classified .*: email/);
    expect(String(err)).not.toContain(EMAIL);
    await client.close();
    expect((await events(key.id))[0]).toMatchObject({ outcome: "refused", findings: { action: "block", result: { email: 1 } } });
  });

  it("redacts: the upstream receives placeholders, and so does the client", async () => {
    const key = await keyWith("redact");
    const client = await connectClient(`${app.url}/mcp`, key.secret);
    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: `mail ${EMAIL}` } }))).toBe(
      'created issue "mail [REDACTED_EMAIL]"',
    );
    expect(textOf(await client.callTool({ name: "github__whoami", arguments: {} }))).toBe("Signed in as [REDACTED_EMAIL]");
    await client.close();
    expect((await events(key.id)).map((e) => e.findings)).toEqual([
      { action: "redact", arguments: { email: 1 } },
      { action: "redact", result: { email: 1 } },
    ]);
  });

  it("log_only lets the call through and records the findings; no policy scans nothing", async () => {
    const logged = await keyWith("log_only");
    let client = await connectClient(`${app.url}/mcp`, logged.secret);
    expect(textOf(await client.callTool({ name: "github__create_issue", arguments: { title: EMAIL } }))).toBe(`created issue "${EMAIL}"`);
    await client.close();
    expect((await events(logged.id))[0]).toMatchObject({ outcome: "ok", findings: { action: "log_only", arguments: { email: 1 }, result: { email: 1 } } });

    const open = await keyWith(null);
    client = await connectClient(`${app.url}/mcp`, open.secret);
    expect(textOf(await client.callTool({ name: "github__whoami", arguments: {} }))).toContain(EMAIL);
    await client.close();
    expect((await events(open.id))[0]).toMatchObject({ outcome: "ok", findings: null });
  });
});
