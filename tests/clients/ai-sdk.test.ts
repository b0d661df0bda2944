// The Vercel AI SDK through Latch: @ai-sdk/openai's default model (Responses API) and `.chat`
// (Chat Completions), @ai-sdk/anthropic (Messages), each with tools over two steps, streaming
// and structured output, against a GPT route and a Claude route.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateObject, generateText, stepCountIs, streamText, tool, type LanguageModel } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { createAnthropic } from "@ai-sdk/anthropic";
import { z } from "zod";
import { CLAUDE_MODEL, GPT_MODEL, leaked, startRig, type Rig } from "./harness";

let rig: Rig;
let models: Record<string, (model: string) => LanguageModel>;

beforeAll(async () => {
  rig = await startRig();
  const openai = createOpenAI({ baseURL: `${rig.gateway.url}/v1`, apiKey: rig.key.secret });
  const anthropic = createAnthropic({ baseURL: `${rig.gateway.url}/v1`, apiKey: rig.key.secret });
  models = {
    "openai (Responses)": (m) => openai(m),
    "openai.chat": (m) => openai.chat(m),
    anthropic: (m) => anthropic(m),
  };
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

const UPSTREAM_PATH: Record<string, string> = { [GPT_MODEL]: "/v1/responses", [CLAUDE_MODEL]: "/v1/messages" };

// Claude behind the Anthropic client is native; a GPT model behind /v1/messages is not offered.
const cases = [
  ["openai (Responses)", GPT_MODEL],
  ["openai (Responses)", CLAUDE_MODEL],
  ["openai.chat", GPT_MODEL],
  ["openai.chat", CLAUDE_MODEL],
  ["anthropic", CLAUDE_MODEL],
] as const;

function upstreamFor(client: string, model: string): string {
  if (model === CLAUDE_MODEL) return "/v1/messages";
  return client === "openai.chat" ? "/v1/chat/completions" : UPSTREAM_PATH[model]!;
}

describe.each(cases)("AI SDK %s on %s", (client, model) => {
  it("generateText runs a tool, then answers with its result in context", async () => {
    const seen: number[] = [];
    const result = await generateText({
      model: models[client]!(model),
      prompt: "Use the tool.",
      tools: {
        lookup: tool({
          description: "Looks a number up",
          inputSchema: z.object({ x: z.number() }),
          execute: async ({ x }) => (seen.push(x), { found: x * 2 }),
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(seen).toEqual([1]);
    expect(result.steps).toHaveLength(2);
    expect(result.text).toBe("Hello from fake");
    expect(result.totalUsage.inputTokens).toBe(20);
    const upstream = rig.received(upstreamFor(client, model));
    expect(upstream).toHaveLength(2);
    // The tool's result went back upstream (as JSON text inside the provider's tool-result shape).
    expect(upstream[1]!.body).toMatch(/found\\*":2/);
    expect(leaked(rig.fake.requests, rig.key.secret)).toBe(false);
  });

  it("streamText streams the answer and its usage", async () => {
    const result = streamText({ model: models[client]!(model), prompt: "hi" });
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe("Hello from fake");
    expect((await result.usage).inputTokens).toBe(10);
    expect((await result.usage).outputTokens).toBe(5);
    expect(rig.received(upstreamFor(client, model))).toHaveLength(1);
  });

  it("generateObject sends the schema upstream and parses the object", async () => {
    rig.fake.configure({ replyText: '{"city":"Paris","days":3}' });
    const { object } = await generateObject({
      model: models[client]!(model),
      schema: z.object({ city: z.string(), days: z.number() }),
      prompt: "Plan a trip.",
    });
    // The GPT fake answers the configured text, the Claude fake an instance of the schema it was sent.
    expect(object).toEqual({ city: expect.any(String), days: expect.any(Number) });
    const [upstream] = rig.received(upstreamFor(client, model));
    const { messages: _messages, input: _input, ...rest } = upstream!.json as Record<string, unknown>;
    // The schema must reach the provider as a format or a forced tool, never only as prose.
    expect(JSON.stringify(rest)).toContain('"days"');
  });
});
