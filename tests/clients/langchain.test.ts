// LangChain JS through Latch: ChatOpenAI on Chat Completions and on the Responses API, and
// ChatAnthropic, each with bindTools, .stream() and withStructuredOutput, on a GPT route and a
// Claude route.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import { CLAUDE_MODEL, GPT_MODEL, leaked, startRig, type Rig } from "./harness";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig();
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

const clients: Record<string, (model: string) => BaseChatModel> = {
  ChatOpenAI: (model) => new ChatOpenAI({ model, apiKey: rig.key.secret, configuration: { baseURL: `${rig.gateway.url}/v1` }, maxRetries: 0 }),
  "ChatOpenAI (useResponsesApi)": (model) =>
    new ChatOpenAI({ model, apiKey: rig.key.secret, configuration: { baseURL: `${rig.gateway.url}/v1` }, useResponsesApi: true, maxRetries: 0 }),
  ChatAnthropic: (model) => new ChatAnthropic({ model, apiKey: rig.key.secret, anthropicApiUrl: rig.gateway.url, maxRetries: 0 }),
};

const cases = [
  ["ChatOpenAI", GPT_MODEL],
  ["ChatOpenAI", CLAUDE_MODEL],
  ["ChatOpenAI (useResponsesApi)", GPT_MODEL],
  ["ChatOpenAI (useResponsesApi)", CLAUDE_MODEL],
  ["ChatAnthropic", CLAUDE_MODEL],
] as const;

// The fake calls the first tool offered with {"x":1}, so the schema matches that.
const Lookup = z.object({ x: z.number() });

describe.each(cases)("LangChain %s on %s", (client, model) => {
  it("bindTools: the model's tool call comes back parsed", async () => {
    const llm = clients[client]!(model);
    const reply = await llm.bindTools!([{ name: "lookup", description: "Looks a number up", schema: Lookup }]).invoke("Use the tool.");
    expect(reply.tool_calls).toHaveLength(1);
    expect(reply.tool_calls![0]).toMatchObject({ name: "lookup", args: { x: 1 } });
    expect(rig.fake.requests).toHaveLength(1);
    expect(leaked(rig.fake.requests, rig.key.secret)).toBe(false);
  });

  it(".stream() yields the answer in pieces", async () => {
    const llm = clients[client]!(model);
    const pieces: string[] = [];
    // `.text` and not `.content`: on the Responses API content is a list of blocks.
    for await (const chunk of await llm.stream("hi")) if (chunk.text) pieces.push(chunk.text);
    expect(pieces.join("")).toBe("Hello from fake");
    expect(pieces.length).toBeGreaterThan(1);
  });

  it("withStructuredOutput sends the schema upstream and parses the result", async () => {
    rig.fake.configure({ replyText: '{"x":1}' });
    const llm = clients[client]!(model);
    const result = await llm.withStructuredOutput(Lookup, { name: "lookup" }).invoke("Give me x.");
    expect(result).toEqual({ x: 1 });
    const [upstream] = rig.fake.requests;
    const { messages: _messages, input: _input, ...rest } = upstream!.json as Record<string, unknown>;
    expect(JSON.stringify(rest)).toMatch(/"properties":\{"x"/);
  });
});
