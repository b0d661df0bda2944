// The official openai SDK's edge features through Latch, beyond the endpoint tests in
// tests/proxy: parse with a zod format, runTools, abort mid-stream, retries on a provider 429,
// and chat streams free of `usage: null` noise.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { zodFunction, zodResponseFormat } from "openai/helpers/zod";
import { z } from "zod";
import { CLAUDE_MODEL, GPT_MODEL, startRig, type Rig } from "./harness";

let rig: Rig;
let client: OpenAI;

beforeAll(async () => {
  rig = await startRig();
  client = new OpenAI({ baseURL: `${rig.gateway.url}/v1`, apiKey: rig.key.secret, maxRetries: 0 });
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

const Trip = z.object({ city: z.string(), days: z.number() });

describe.each([GPT_MODEL, CLAUDE_MODEL])("openai SDK on %s", (model) => {
  it("chat.completions.parse with zodResponseFormat sends the schema and parses the answer", async () => {
    rig.fake.configure({ replyText: '{"city":"Paris","days":3}' });
    const completion = await client.chat.completions.parse({
      model,
      messages: [{ role: "user", content: "Plan a trip." }],
      response_format: zodResponseFormat(Trip, "trip"),
    });
    // The GPT fake answers the configured text, the Claude fake an instance of the schema it was sent.
    expect(completion.choices[0]!.message.parsed).toEqual({ city: expect.any(String), days: expect.any(Number) });
    const [upstream] = rig.fake.requests;
    const { messages: _messages, ...rest } = upstream!.json as Record<string, unknown>;
    expect(JSON.stringify(rest)).toContain('"days"');
  });

  it("chat.completions.runTools calls the tool and finishes with the model's answer", async () => {
    const seen: number[] = [];
    const runner = client.chat.completions.runTools({
      model,
      messages: [{ role: "user", content: "Use the tool." }],
      tools: [zodFunction({ name: "lookup", parameters: z.object({ x: z.number() }), function: ({ x }) => (seen.push(x), { found: x * 2 }) })],
    });
    expect(await runner.finalContent()).toBe("Hello from fake");
    expect(seen).toEqual([1]);
    expect(rig.fake.requests).toHaveLength(2);
  });
});

describe("openai SDK streams and failures", () => {
  it("models.list stays OpenAI-shaped for OpenAI clients, with only the key's models", async () => {
    const limited = await rig.org.key({ allowedModels: [GPT_MODEL] });
    const own = new OpenAI({ baseURL: `${rig.gateway.url}/v1`, apiKey: limited.secret, maxRetries: 0 });
    const models = [];
    for await (const model of own.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual([GPT_MODEL]);
    expect(models[0]).toMatchObject({ object: "model", owned_by: expect.any(String), created: expect.any(Number) });
  });

  it("abort mid-stream: the SDK stops and the request is still metered with its tokens", async () => {
    const key = await rig.newKey();
    const own = new OpenAI({ baseURL: `${rig.gateway.url}/v1`, apiKey: key.secret, maxRetries: 0 });
    rig.fake.configure({ chunks: 40, chunkDelayMs: 50 });
    const stream = await own.chat.completions.create({ model: GPT_MODEL, stream: true, messages: [{ role: "user", content: "long" }] });
    let received = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) received += 1;
      if (received === 2) stream.controller.abort();
    }
    expect(received).toBe(2);
    const [event] = await rig.usage({ keyId: key.id });
    expect(event).toMatchObject({ outcome: "aborted", errorCode: "client_closed", stream: true });
    expect(event!.inputTokens + event!.outputTokens).toBeGreaterThan(0);
  });

  it("a provider 429 reaches the SDK with its back-pressure headers and type; the retry succeeds", async () => {
    const seen: { status: number; headers: Headers; body: string }[] = [];
    const counting = new OpenAI({
      baseURL: `${rig.gateway.url}/v1`,
      apiKey: rig.key.secret,
      maxRetries: 1,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        seen.push({ status: response.status, headers: response.headers, body: response.status === 200 ? "" : await response.clone().text() });
        return response;
      },
    });
    // Latch itself retries only waits up to 2 s, so this one is the client's to retry.
    rig.fake.configure({
      failWith: {
        status: 429,
        times: 1,
        body: { error: { message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded", param: null } },
        headers: { "retry-after": "3", "retry-after-ms": "2100", "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "3s" },
      },
    });
    const completion = await counting.chat.completions.create({ model: GPT_MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]!.message.content).toBe("Hello from fake");
    expect(seen.map((s) => s.status)).toEqual([429, 200]);
    expect(rig.fake.requests).toHaveLength(2);
    const limited = seen[0]!;
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("retry-after-ms")).toBe("2100");
    expect(limited.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(JSON.parse(limited.body)).toMatchObject({ error: { code: "rate_limit_exceeded" } });
  });

  it("a chat stream without stream_options carries no `usage: null` on its chunks", async () => {
    const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${rig.key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: GPT_MODEL, stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    const text = await response.text();
    expect(text).toContain("Hello");
    expect(text).not.toContain('"usage":null');
  });
});
