// Golden end-to-end tests: each provider format, through the proxy and the official SDKs, against
// fakes reporting usage shaped like the real APIs. The recorded token classes must match exactly;
// the recorded cost must match a hand computation from the published list prices. Tests named
// "[per-class rates]" price cache writes by TTL and pass once pricing prices each class.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startFakeBedrock, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { createCloudOrg } from "@/tests/helpers/cloud-org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

const M = 1e6;
// claude-3-5-haiku (Anthropic and Bedrock): $0.80 / MTok input, $4 output; cache reads 0.1×,
// 5-minute cache writes 1.25×, 1-hour cache writes 2× the input rate.
const HAIKU = { input: 0.8, output: 4, read: 0.08, write5m: 1.0, write1h: 1.6 };
// gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output (reasoning is billed as output).
const MINI = { input: 0.15, cached: 0.075, output: 0.6 };
// gemini-2.5-flash: $0.30 input, $2.50 output, thinking included.
const FLASH = { input: 0.3, output: 2.5 };

// Anthropic's input_tokens (40) excludes cache reads (1000) and writes (200 + 500).
const CLAUDE_USAGE = { prompt_tokens: 40, completion_tokens: 300, cached_tokens: 1000, cache_write_5m_tokens: 200, cache_write_1h_tokens: 500 };
const CLAUDE_CLASSES = {
  inputTokens: 1740,
  cachedInputTokens: 1000,
  cacheWrite5mTokens: 200,
  cacheWrite1hTokens: 500,
  outputTokens: 300,
  reasoningTokens: 0,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  webSearchRequests: 0,
  estimated: false,
};
const CLAUDE_USD = (40 * HAIKU.input + 1000 * HAIKU.read + 200 * HAIKU.write5m + 500 * HAIKU.write1h + 300 * HAIKU.output) / M;

// OpenAI's prompt_tokens (2006) includes the cached 1920; completion (300) includes reasoning (192).
const GPT_USAGE = { prompt_tokens: 2006, completion_tokens: 300, cached_tokens: 1920, reasoning_tokens: 192 };
const GPT_CLASSES = {
  inputTokens: 2006,
  cachedInputTokens: 1920,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  outputTokens: 300,
  reasoningTokens: 192,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  webSearchRequests: 0,
  estimated: false,
};
const GPT_USD = ((2006 - 1920) * MINI.input + 1920 * MINI.cached + 300 * MINI.output) / M;

// Bedrock's inputTokens (12) excludes cacheReadInputTokens (100) and cacheWriteInputTokens (300 + 200).
const BEDROCK_USAGE = { inputTokens: 12, outputTokens: 6, cacheReadInputTokens: 100, cacheWrites: { "5m": 300, "1h": 200 } };
const BEDROCK_CLASSES = {
  inputTokens: 612,
  cachedInputTokens: 100,
  cacheWrite5mTokens: 300,
  cacheWrite1hTokens: 200,
  outputTokens: 6,
  reasoningTokens: 0,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  webSearchRequests: 0,
  estimated: false,
};
const BEDROCK_USD = (12 * HAIKU.input + 100 * HAIKU.read + 300 * HAIKU.write5m + 200 * HAIKU.write1h + 6 * HAIKU.output) / M;

// Gemini (OpenAI-compatible, on Vertex): completion_tokens 7 leaves out 19 thinking tokens that total_tokens counts.
const GEMINI_CLASSES = {
  inputTokens: 5,
  cachedInputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  outputTokens: 26,
  reasoningTokens: 0,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  webSearchRequests: 0,
  estimated: false,
};
const GEMINI_USD = (5 * FLASH.input + 26 * FLASH.output) / M;

const CLASS_FIELDS = Object.keys(CLAUDE_CLASSES) as (keyof typeof CLAUDE_CLASSES)[];

let fake: FakeProvider;
let bedrock: FakeBedrock;
let vertex: FakeVertex;
let gateway: TestGateway;
let t: TestOrg;
let cloud: TestOrg;

beforeAll(async () => {
  [fake, bedrock, vertex, gateway] = await Promise.all([
    startFakeProvider(),
    startFakeBedrock(),
    startFakeVertex({ usage: { prompt_tokens: 5, completion_tokens: 7, thoughts_outside_completion: 19 } }),
    startGateway(),
  ]);
  [t, cloud] = await Promise.all([createTestOrg(fake.url), createCloudOrg(bedrock, vertex)]);
});
afterAll(async () => {
  await Promise.all([gateway.close(), fake.close(), bedrock.close(), vertex.close()]);
});
beforeEach(() => {
  fake.reset();
  bedrock.reset();
});

const user = [{ role: "user" as const, content: "hi" }];
type Call = (c: { openai: OpenAI; anthropic: Anthropic }) => Promise<unknown>;
const drain = async (stream: AsyncIterable<unknown>) => {
  for await (const _ of stream);
};

/** Runs one call with a fresh key and returns its usage event. */
async function record(org: TestOrg, call: Call) {
  const { secret, id } = await org.key();
  await call({
    openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 }),
  });
  return waitFor(async () => {
    await usageQueue.flush();
    const rows = await db.usageEvent.findMany({ where: { keyId: id } });
    return rows.length === 1 && rows[0];
  });
}
const classesOf = (event: Awaited<ReturnType<typeof record>>) => Object.fromEntries(CLASS_FIELDS.map((f) => [f, event[f]]));

type Case = { name: string; org: () => TestOrg; setup: () => void; call: Call; classes: typeof CLAUDE_CLASSES; usd: number; perClassRates: boolean };

const claude = (name: string, call: Call): Case => ({
  name,
  org: () => t,
  setup: () => fake.configure({ usage: CLAUDE_USAGE }),
  call,
  classes: CLAUDE_CLASSES,
  usd: CLAUDE_USD,
  perClassRates: true,
});
const gpt = (name: string, call: Call): Case => ({
  name,
  org: () => t,
  setup: () => fake.configure({ usage: GPT_USAGE }),
  call,
  classes: GPT_CLASSES,
  usd: GPT_USD,
  perClassRates: false,
});
const onBedrock = (name: string, call: Call): Case => ({
  name,
  org: () => cloud,
  setup: () => bedrock.configure({ usage: BEDROCK_USAGE }),
  call,
  classes: BEDROCK_CLASSES,
  usd: BEDROCK_USD,
  perClassRates: true,
});

const CASES: Case[] = [
  claude("Claude /v1/messages JSON: 5 min and 1 h writes, reads", ({ anthropic }) =>
    anthropic.messages.create({ model: "claude-haiku", max_tokens: 400, messages: user }),
  ),
  claude("Claude /v1/messages stream", ({ anthropic }) => anthropic.messages.stream({ model: "claude-haiku", max_tokens: 400, messages: user }).finalMessage()),
  claude("Claude via /v1/chat/completions JSON", ({ openai }) => openai.chat.completions.create({ model: "claude-haiku", messages: user })),
  claude("Claude via /v1/chat/completions stream", ({ openai }) =>
    openai.chat.completions.create({ model: "claude-haiku", messages: user, stream: true, stream_options: { include_usage: true } }).then(drain),
  ),
  gpt("GPT chat JSON: cached input and reasoning", ({ openai }) => openai.chat.completions.create({ model: "gpt-4o-mini", messages: user })),
  gpt("GPT chat stream", ({ openai }) => openai.chat.completions.create({ model: "gpt-4o-mini", messages: user, stream: true }).then(drain)),
  gpt("GPT Responses stream", ({ openai }) => openai.responses.create({ model: "gpt-4o-mini", input: "hi", stream: true }).then(drain)),
  onBedrock("Bedrock Converse via chat: cache reads and TTL-split writes", ({ openai }) =>
    openai.chat.completions.create({ model: "bedrock-haiku", messages: user }),
  ),
  onBedrock("Bedrock ConverseStream via /v1/messages", ({ anthropic }) =>
    anthropic.messages.stream({ model: "bedrock-haiku", max_tokens: 50, messages: user }).finalMessage(),
  ),
  {
    name: "Gemini on Vertex: thinking left out of completion_tokens",
    org: () => cloud,
    setup: () => {},
    call: ({ openai }) => openai.chat.completions.create({ model: "vertex-flash", messages: user }),
    classes: GEMINI_CLASSES,
    usd: GEMINI_USD,
    perClassRates: false,
  },
];

describe.each(CASES)("$name", (c) => {
  it("records every token class exactly", async () => {
    c.setup();
    expect(classesOf(await record(c.org(), c.call))).toEqual(c.classes);
  });

  it(`costs the list price${c.perClassRates ? " [per-class rates]" : ""}`, async () => {
    c.setup();
    // Events keep 8 decimals: the hand computation, rounded the same way, must match exactly.
    expect(Number((await record(c.org(), c.call)).costUsd)).toBe(Number(c.usd.toFixed(8)));
  });
});
