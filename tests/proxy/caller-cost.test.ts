// The caller is told what a request cost: x-latch-cost-usd on JSON answers, usage.cost in
// OpenAI-format bodies and in the usage chunk of a stream that asked for usage; Anthropic-format
// bodies and streams stay the provider's. And what the tightest spend cap has left.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";

// The fake's default usage (10 in, 5 out) at the list prices of the models routed below.
const GPT_USD = (10 * 0.15 + 5 * 0.6) / 1e6;
const HAIKU_USD = (10 * 0.8 + 5 * 4) / 1e6;

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  const { secret } = await t.key();
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const user = [{ role: "user" as const, content: "hi" }];
type WithCost = { cost?: number };

describe("cost on JSON answers", () => {
  it("chat.completions: the header and usage.cost, which the SDK keeps", async () => {
    const { data, response } = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: user }).withResponse();
    expect(response.headers.get("x-latch-cost-usd")).toBe(GPT_USD.toFixed(8));
    expect((data.usage as WithCost).cost).toBeCloseTo(GPT_USD, 12);
    expect(data.usage).toMatchObject({ prompt_tokens: 10, completion_tokens: 5 });
  });

  it("/v1/messages: the header only; the body is the provider's", async () => {
    const { data, response } = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 50, messages: user }).withResponse();
    expect(response.headers.get("x-latch-cost-usd")).toBe(HAIKU_USD.toFixed(8));
    expect("cost" in data.usage).toBe(false);
  });
});

describe("cost in streams", () => {
  it("an OpenAI stream that asked for usage gets usage.cost on its usage chunk", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: user, stream: true, stream_options: { include_usage: true } });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toHaveLength(1);
    expect((usages[0] as WithCost).cost).toBeCloseTo(GPT_USD, 12);
  });

  it("Claude through chat.completions: the same", async () => {
    const stream = await openai.chat.completions.create({ model: "claude-haiku", messages: user, stream: true, stream_options: { include_usage: true } });
    const usages = [];
    for await (const chunk of stream) if (chunk.usage) usages.push(chunk.usage);
    expect(usages).toHaveLength(1);
    expect((usages[0] as WithCost).cost).toBeCloseTo(HAIKU_USD, 12);
  });

  it("a stream that did not ask for usage gets none", async () => {
    const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: user, stream: true });
    for await (const chunk of stream) expect(chunk.usage ?? null).toBeNull();
  });

  it("a /v1/messages stream is passed through without any cost added", async () => {
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": (await t.key()).secret, "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-haiku", max_tokens: 50, stream: true, messages: user }),
    });
    const text = await res.text();
    expect(text).toContain("event: message_delta");
    expect(text).not.toContain("cost");
  });
});

describe("what the tightest spend cap has left", () => {
  it("is sent after each answer, net of its actual cost; the looser cap does not show", async () => {
    const { secret } = await t.key({
      budgets: [
        { kind: "spend", period: "monthly", limit: 1 },
        { kind: "spend", period: "daily", limit: 0.5 },
      ],
    });
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
    const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages: user }).withResponse();
    expect(first.response.headers.get("x-latch-budget-remaining-usd")).toBe((0.5 - GPT_USD).toFixed(8));
    const second = await client.chat.completions.create({ model: "gpt-4o-mini", messages: user }).withResponse();
    // Settling is asynchronous: the second reservation sees the first settled or still held at its worst case.
    const remaining = Number(second.response.headers.get("x-latch-budget-remaining-usd"));
    expect(remaining).toBeLessThanOrEqual(0.5 - 2 * GPT_USD + 1e-9);
    expect(remaining).toBeGreaterThan(0.49);
  });

  it("is absent on a key without a spend cap", async () => {
    const { response } = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: user }).withResponse();
    expect(response.headers.get("x-latch-budget-remaining-usd")).toBeNull();
  });
});
