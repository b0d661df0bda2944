// Every billed token class reaches the usage event and both rollups, and old-shaped events (no
// classes) still write as zeros.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { writeUsageBatch } from "@/lib/usage/writer";
import { usageTokenClasses } from "@/lib/usage/attribution";
import { usageCsv } from "@/lib/usage/csv";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

const post = (path: string, secret: string, body: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const CLASSES = ["cacheWrite5mTokens", "cacheWrite1hTokens", "reasoningTokens", "audioInputTokens", "audioOutputTokens", "webSearchRequests"] as const;

describe("token classes in events and rollups", () => {
  it("a Claude call and a GPT audio call land with every class, summed per model in both rollups", async () => {
    const key = await t.key();
    fake.configure({
      usage: {
        prompt_tokens: 40,
        completion_tokens: 300,
        cached_tokens: 1000,
        cache_write_5m_tokens: 200,
        cache_write_1h_tokens: 500,
        reasoning_tokens: 120,
        web_search_requests: 2,
      },
    });
    expect((await post("/v1/messages", key.secret, { model: "claude-haiku", max_tokens: 400, messages: [{ role: "user", content: "hi" }] })).status).toBe(200);
    fake.configure({
      usage: {
        prompt_tokens: 82,
        completion_tokens: 151,
        cached_tokens: 0,
        cache_write_5m_tokens: 0,
        cache_write_1h_tokens: 0,
        reasoning_tokens: 0,
        web_search_requests: 0,
        audio_prompt_tokens: 40,
        audio_completion_tokens: 120,
      },
    });
    for (let i = 0; i < 2; i++)
      expect((await post("/v1/chat/completions", key.secret, { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })).status).toBe(200);

    const events = await waitFor(async () => {
      await usageQueue.flush();
      const e = await db.usageEvent.findMany({ where: { keyId: key.id }, orderBy: { createdAt: "asc" } });
      return e.length === 3 && e;
    });
    expect(events[0]).toMatchObject({
      model: "claude-3-5-haiku-latest",
      inputTokens: 40 + 1000 + 200 + 500,
      outputTokens: 300,
      cachedInputTokens: 1000,
      cacheWrite5mTokens: 200,
      cacheWrite1hTokens: 500,
      reasoningTokens: 120,
      webSearchRequests: 2,
      audioInputTokens: 0,
      estimated: false,
    });
    expect(events[1]).toMatchObject({
      model: "gpt-4o-mini",
      inputTokens: 82,
      outputTokens: 151,
      audioInputTokens: 40,
      audioOutputTokens: 120,
      cacheWrite5mTokens: 0,
      estimated: false,
    });

    for (const table of [db.usageRollup, db.usageRollupDaily] as const) {
      const rows = await (table as typeof db.usageRollup).findMany({ where: { keyId: key.id }, orderBy: { model: "asc" } });
      const pick = (r: (typeof rows)[number]) => Object.fromEntries(CLASSES.map((c) => [c, Number(r[c])]));
      expect(rows.map((r) => [r.model, r.requests, pick(r)])).toEqual([
        [
          "claude-3-5-haiku-latest",
          1,
          { cacheWrite5mTokens: 200, cacheWrite1hTokens: 500, reasoningTokens: 120, audioInputTokens: 0, audioOutputTokens: 0, webSearchRequests: 2 },
        ],
        [
          "gpt-4o-mini",
          2,
          { cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, reasoningTokens: 0, audioInputTokens: 80, audioOutputTokens: 240, webSearchRequests: 0 },
        ],
      ]);
    }

    // What the usage views show, read from the rollups, and what the CSV export carries.
    const range = { from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 3_600_000) };
    expect(await usageTokenClasses({ actor: t.adminActor, range, filter: { keyId: key.id } })).toEqual({
      inputTokens: 1740 + 2 * 82,
      cachedInputTokens: 1000,
      cacheWrite5mTokens: 200,
      cacheWrite1hTokens: 500,
      outputTokens: 300 + 2 * 151,
      reasoningTokens: 120,
      audioInputTokens: 80,
      audioOutputTokens: 240,
      webSearchRequests: 2,
      estimatedRequests: 0,
    });
    const csv = (await new Response(usageCsv({ actor: t.adminActor, range })).text()).trim().split("\n");
    const header = csv[0]!.split(",");
    const claudeRow = csv.find((line) => line.startsWith(events[0]!.id))!.split(",");
    const column = (name: string) => claudeRow[header.indexOf(name)];
    expect([column("cacheWrite5mTokens"), column("cacheWrite1hTokens"), column("reasoningTokens"), column("webSearchRequests"), column("estimated")]).toEqual([
      "200",
      "500",
      "120",
      "2",
      "false",
    ]);
  });

  it("an event written without the classes (queued before they existed) reads as before: zeros, not estimated", async () => {
    const id = `req_${randomUUID()}`;
    await writeUsageBatch([
      {
        id,
        orgId: t.org.id,
        keyId: null,
        userId: null,
        teamId: null,
        provider: "openai",
        model: "old-shape",
        endpoint: "chat.completions",
        inputTokens: 7,
        outputTokens: 3,
        cachedInputTokens: 0,
        costUsd: 0.5,
        priced: true,
        status: 200,
        outcome: "success",
        errorCode: null,
        stream: true,
        latencyMs: 1,
        ttftMs: null,
        clientIp: null,
        userAgent: null,
        createdAt: new Date(),
      },
    ]);
    expect(await db.usageEvent.findFirstOrThrow({ where: { id } })).toMatchObject({
      cacheWrite5mTokens: 0,
      reasoningTokens: 0,
      webSearchRequests: 0,
      estimated: false,
    });
    const rollup = await db.usageRollup.findFirstOrThrow({ where: { orgId: t.org.id, model: "old-shape" } });
    expect(rollup).toMatchObject({ cacheWrite1hTokens: 0n, estimatedRequests: 0 });
  });
});
