// The OpenAI Responses API and chat structured output for a Claude model, through the official
// `openai` SDK, a gateway and the fake Anthropic: what Codex and the AI SDK's default provider speak.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { zodResponseFormat, zodTextFormat } from "openai/helpers/zod";
import { z } from "zod";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg } from "@/tests/helpers/org";

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  const t = await createTestOrg(fake.url);
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: (await t.key()).secret, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

type Sent = Record<string, unknown> & { messages: { role: string; content: unknown }[] };
const sent = () => fake.requests.at(-1)!.json as Sent;

const weather: OpenAI.Responses.FunctionTool = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
  strict: true,
};

describe("responses for a Claude model", () => {
  it("responses.create answers a full response object", async () => {
    const response = await openai.responses.create({ model: "claude-haiku", instructions: "be brief", input: "hi", metadata: { run: "1" } });
    expect(response).toMatchObject({ object: "response", status: "completed", metadata: { run: "1" }, incomplete_details: null });
    expect(response.output_text).toBe("Hello from fake");
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant", content: [{ type: "output_text", text: "Hello from fake" }] });
    expect(response.usage).toMatchObject({ input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 0 } });
    expect(fake.requests.at(-1)!.path).toBe("/v1/messages");
    expect(sent()).toMatchObject({ model: "claude-3-5-haiku-latest", system: "be brief", max_tokens: 4096, messages: [{ role: "user", content: "hi" }] });
    expect(sent()).not.toHaveProperty("metadata");
  });

  it("streams the full event contract, numbered, ending in response.completed", async () => {
    const stream = await openai.responses.create({ model: "claude-haiku", input: "hi", stream: true });
    const events: OpenAI.Responses.ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((e) => e.type);
    expect(types).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    expect(completed.response.output[0]).toMatchObject({ type: "message", content: [{ text: "Hello from fake" }] });
    expect(completed.response.usage).toMatchObject({ input_tokens: 10, output_tokens: 5 });
  });

  it("round-trips a function tool: call, output, final text", async () => {
    const first = await openai.responses.create({ model: "claude-haiku", input: "weather in Paris?", tools: [weather] });
    const call = first.output.find((o) => o.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather" });
    if (call?.type !== "function_call") throw new Error("no function call");
    expect(JSON.parse(call.arguments)).toEqual({ city: "fake" });
    expect(sent().tools).toEqual([{ name: "get_weather", description: "Weather for a city", input_schema: weather.parameters }]);

    const second = await openai.responses.create({
      model: "claude-haiku",
      tools: [weather],
      input: [{ role: "user", content: "weather in Paris?" }, call, { type: "function_call_output", call_id: call.call_id, output: "sunny" }],
    });
    expect(second.output_text).toBe("Hello from fake");
    expect(sent().messages).toEqual([
      { role: "user", content: [{ type: "text", text: "weather in Paris?" }] },
      { role: "assistant", content: [{ type: "tool_use", id: call.call_id, name: "get_weather", input: { city: "fake" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: call.call_id, content: "sunny" }] },
    ]);
  });

  it("responses.stream(...).finalResponse() assembles a streamed function call", async () => {
    const stream = openai.responses.stream({ model: "claude-haiku", input: "weather?", tools: [weather], tool_choice: "required", parallel_tool_calls: false });
    const final = await stream.finalResponse();
    expect(final.status).toBe("completed");
    const call = final.output[0];
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({ city: "fake" });
    expect(sent().tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("round-trips a custom (freeform) tool, plain and streamed", async () => {
    const patch: OpenAI.Responses.CustomTool = {
      type: "custom",
      name: "apply_patch",
      description: "Edit files",
      format: { type: "grammar", syntax: "lark", definition: "start: /.+/" },
    };
    const first = await openai.responses.create({ model: "claude-haiku", input: "edit", tools: [patch] });
    expect(first.output[0]).toMatchObject({ type: "custom_tool_call", name: "apply_patch", input: "fake" });
    const final = await openai.responses.stream({ model: "claude-haiku", input: "edit", tools: [patch] }).finalResponse();
    expect(final.output[0]).toMatchObject({ type: "custom_tool_call", name: "apply_patch", input: "fake" });
    const call = first.output[0] as OpenAI.Responses.ResponseCustomToolCall;
    const second = await openai.responses.create({
      model: "claude-haiku",
      tools: [patch],
      input: [{ role: "user", content: "edit" }, call, { type: "custom_tool_call_output", call_id: call.call_id, output: "Done" }],
    });
    expect(second.output_text).toBe("Hello from fake");
    expect(sent().messages[1]).toEqual({ role: "assistant", content: [{ type: "tool_use", id: call.call_id, name: "apply_patch", input: { input: "fake" } }] });
  });

  it("responses.parse with a zod text format uses Claude structured output", async () => {
    const Answer = z.object({ city: z.string(), days: z.number() });
    const response = await openai.responses.parse({ model: "claude-haiku", input: "plan", text: { format: zodTextFormat(Answer, "answer") } });
    expect(response.output_parsed).toEqual({ city: "fake", days: 1 });
    expect(sent().output_config).toMatchObject({ format: { type: "json_schema", schema: { type: "object", required: ["city", "days"] } } });
  });

  it("sends images as Anthropic image sources", async () => {
    await openai.responses.create({
      model: "claude-haiku",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "what is this?" },
            { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=", detail: "auto" },
            { type: "input_image", image_url: "https://example.test/cat.jpg", detail: "auto" },
          ],
        },
      ],
    });
    expect(sent().messages[0]!.content).toEqual([
      { type: "text", text: "what is this?" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "image", source: { type: "url", url: "https://example.test/cat.jpg" } },
    ]);
  });

  it("refuses previous_response_id with a clean 400 instead of dropping history", async () => {
    const err = await openai.responses.create({ model: "claude-haiku", input: "again", previous_response_id: "resp_123" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, param: "previous_response_id" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("chat.completions for a Claude model", () => {
  it("chat.completions.parse with zodResponseFormat", async () => {
    const Event = z.object({ name: z.string(), attendees: z.array(z.string()) });
    const completion = await openai.chat.completions.parse({
      model: "claude-haiku",
      messages: [{ role: "user", content: "Alice and Bob go to the fair" }],
      response_format: zodResponseFormat(Event, "event"),
    });
    expect(completion.choices[0]!.message.parsed).toEqual({ name: "fake", attendees: ["fake"] });
    expect(sent().output_config).toMatchObject({ format: { type: "json_schema", schema: { type: "object", properties: { name: { type: "string" } } } } });
  });

  it("response_format json_object asks Claude for a JSON object", async () => {
    const completion = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [{ role: "user", content: "give me json" }],
      response_format: { type: "json_object" },
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ reply: "Hello from fake" });
    expect(sent().system).toMatch(/JSON object/);
    expect(sent()).not.toHaveProperty("output_config");
  });

  it("tool_choice required and parallel_tool_calls false", async () => {
    const completion = await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [{ role: "user", content: "weather?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: weather.parameters! } }],
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    expect(sent().tool_choice).toEqual({ type: "any", disable_parallel_tool_use: true });
  });

  it("images as data URLs and http URLs", async () => {
    await openai.chat.completions.create({
      model: "claude-haiku",
      messages: [
        {
          role: "user",
          content: [
            { type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ" } },
            { type: "image_url", image_url: { url: "https://example.test/dog.png" } },
          ],
        },
      ],
    });
    expect(sent().messages[0]!.content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } },
      { type: "image", source: { type: "url", url: "https://example.test/dog.png" } },
    ]);
  });
});

describe("streams without include_usage carry no usage key", () => {
  for (const model of ["claude-haiku", "gpt-4o-mini"]) {
    it(model, async () => {
      const res = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${openai.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model, stream: true, messages: [{ role: "user", content: "hi" }] }),
      });
      const chunks = (await res.text())
        .split("\n\n")
        .filter((e) => e.startsWith("data: {"))
        .map((e) => JSON.parse(e.slice("data: ".length)) as Record<string, unknown>);
      expect(chunks.length).toBeGreaterThan(2);
      for (const chunk of chunks) expect(chunk).not.toHaveProperty("usage");
    });
  }
});
