// What is billed when a request does not finish: streams cut off by the client or the provider are
// counted from what was streamed (never message_start's output_tokens: 1), and a JSON request the
// client abandons after it reached the provider is metered at the provider's real usage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { usageQueue } from "@/lib/usage/queue";
import { streamedTokens } from "@/lib/providers/test-helpers";

const REPLY = "Latch counts every token a provider bills, even when nobody is left to read it. ".repeat(6);
const CHUNKS = 27;

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider({ replyText: REPLY, chunks: CHUNKS });
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const clients = (secret: string) => ({
  openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 }),
  anthropic: new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 }),
});
const user = [{ role: "user" as const, content: "tell me" }];

async function onlyEvent(keyId: string) {
  return waitFor(async () => {
    await usageQueue.flush();
    const events = await db.usageEvent.findMany({ where: { keyId } });
    return events.length === 1 && events[0];
  }, 10_000);
}

const claudeTokens = (text: string) => streamedTokens(text, true);

describe("streams cut off by the client", () => {
  // The stream pauses after the sixth delta, so the client's abort always lands mid-stream.
  beforeEach(() => fake.configure({ pauseStreamAfter: 6 }));

  it("/v1/messages: the streamed deltas are billed, not message_start's output_tokens: 1", async () => {
    const key = await t.key();
    const stream = clients(key.secret).anthropic.messages.stream({ model: "claude-haiku", max_tokens: 500, messages: user });
    let seen = "";
    let deltas = 0;
    await expect(
      (async () => {
        for await (const event of stream) {
          if (event.type === "content_block_delta" && event.delta.type === "text_delta") (seen += event.delta.text), deltas++;
          if (deltas === 6) stream.abort();
        }
      })(),
    ).rejects.toThrow();
    const event = await onlyEvent(key.id);
    expect(event).toMatchObject({ outcome: "aborted", estimated: true, inputTokens: 10 });
    expect(event.outputTokens).toBeGreaterThanOrEqual(claudeTokens(seen));
    expect(event.outputTokens).toBeLessThan(claudeTokens(REPLY));
    expect(Number(event.costUsd)).toBeGreaterThan((10 * 0.8 + 1 * 4) / 1e6);
  });

  it("Claude through /v1/chat/completions: the same", async () => {
    const key = await t.key();
    const stream = await clients(key.secret).openai.chat.completions.create({ model: "claude-haiku", messages: user, stream: true });
    let seen = "";
    let chunks = 0;
    // The OpenAI SDK ends the iteration quietly once its controller is aborted.
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta.content;
      if (text) (seen += text), chunks++;
      if (chunks === 6) {
        stream.controller.abort();
        break;
      }
    }
    const event = await onlyEvent(key.id);
    expect(event).toMatchObject({ outcome: "aborted", estimated: true, inputTokens: 10 });
    expect(event.outputTokens).toBeGreaterThanOrEqual(claudeTokens(seen));
    expect(event.outputTokens).toBeLessThan(claudeTokens(REPLY));
  });

  it("GPT: o200k_base counts of the streamed text, no margin for OpenAI's own tokenizer", async () => {
    const key = await t.key();
    const stream = await clients(key.secret).openai.chat.completions.create({ model: "gpt-4o-mini", messages: user, stream: true });
    let seen = "";
    let chunks = 0;
    // The OpenAI SDK ends the iteration quietly once its controller is aborted.
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta.content;
      if (text) (seen += text), chunks++;
      if (chunks === 6) {
        stream.controller.abort();
        break;
      }
    }
    const event = await onlyEvent(key.id);
    expect(event).toMatchObject({ outcome: "aborted", estimated: true });
    expect(event.outputTokens).toBeGreaterThanOrEqual(streamedTokens(seen, false));
    expect(event.outputTokens).toBeLessThan(streamedTokens(REPLY, false));
  });
});

describe("streams cut off by the provider", () => {
  it("a Claude stream dropped after its first delta bills that delta and is marked estimated", async () => {
    fake.configure({ dropConnection: "mid-stream" });
    const key = await t.key();
    const stream = clients(key.secret).anthropic.messages.stream({ model: "claude-haiku", max_tokens: 500, messages: user });
    await expect(stream.finalMessage()).rejects.toThrow();
    const event = await onlyEvent(key.id);
    const firstDelta = REPLY.slice(0, Math.round(REPLY.length / CHUNKS));
    expect(event).toMatchObject({ outcome: "provider_error", estimated: true, inputTokens: 10, outputTokens: Math.max(1, claudeTokens(firstDelta)) });
  });

  it("a finished stream keeps the provider's own final count", async () => {
    const key = await t.key();
    const message = await clients(key.secret).anthropic.messages.stream({ model: "claude-haiku", max_tokens: 500, messages: user }).finalMessage();
    expect(message.usage.output_tokens).toBe(5);
    expect(await onlyEvent(key.id)).toMatchObject({ outcome: "success", estimated: false, outputTokens: 5 });
  });
});

/** The settled spend of the key's budget in nano-USD, read from the shared ledger. */
async function settledSpend(orgId: string): Promise<number> {
  const backend = redis;
  if (backend.kind !== "redis") throw new Error("this test needs REDIS_URL");
  const keys = (await backend.client.keys(`${backend.prefix}{o:${orgId}}:b:*`)).filter((k) => !/:(h|held|x)$/.test(k));
  const values = await Promise.all(keys.map((k) => backend.client.get(k)));
  return values.reduce((sum, v) => sum + Number(v ?? 0), 0);
}

describe("a JSON request abandoned after it reached the provider", () => {
  it("is read to the end and metered at the provider's usage: not free, and the key's spend moves", async () => {
    const other = await createTestOrg(fake.url);
    const key = await other.key({ budgets: [{ kind: "spend", period: "monthly", limit: 5 }] });
    const controller = new AbortController();
    fake.hold(); // the provider answers only once the client has gone
    const call = clients(key.secret).openai.chat.completions.create({ model: "gpt-4o-mini", messages: user }, { signal: controller.signal });
    await fake.waitForRequests(1);
    const open = await gateway.connections();
    controller.abort();
    await expect(call).rejects.toThrow(/abort/i);
    await waitFor(async () => (await gateway.connections()) < open, 30_000); // the gateway has seen the client go
    fake.release();

    const event = await onlyEvent(key.id);
    const expectedUsd = (10 * 0.15 + 5 * 0.6) / 1e6; // the fake's usage at gpt-4o-mini's list price
    expect(event).toMatchObject({ outcome: "aborted", status: 499, errorCode: "client_closed", inputTokens: 10, outputTokens: 5, estimated: false });
    expect(Number(event.costUsd)).toBeCloseTo(expectedUsd, 12);
    expect(await waitFor(async () => (await settledSpend(other.org.id)) > 0 && settledSpend(other.org.id))).toBe(Math.round(expectedUsd * 1e9));
  });
});
