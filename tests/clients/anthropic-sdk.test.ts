// The official @anthropic-ai/sdk's edge features through Latch, beyond tests/proxy: toolRunner,
// countTokens, an Anthropic-shaped models.list, request ids, abort mid-stream, and a provider
// 429 reaching the SDK with its type and headers so its retry waits as asked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import { betaZodTool } from "@anthropic-ai/sdk/helpers/beta/zod";
import { z } from "zod";
import { ANTHROPIC_SECRET, CLAUDE_MODEL, startRig, type Rig } from "./harness";

let rig: Rig;
let client: Anthropic;

beforeAll(async () => {
  rig = await startRig();
  client = new Anthropic({ baseURL: rig.gateway.url, apiKey: rig.key.secret, maxRetries: 0 });
});
afterAll(() => rig.close());
beforeEach(() => rig.fake.reset());

describe("@anthropic-ai/sdk", () => {
  it("beta.messages.toolRunner runs the tool and ends on the model's answer", async () => {
    const seen: number[] = [];
    const lookup = betaZodTool({
      name: "lookup",
      description: "Looks a number up",
      inputSchema: z.object({ x: z.number() }),
      run: ({ x }) => (seen.push(x), `found ${x * 2}`),
    });
    const final = await client.beta.messages.toolRunner({
      model: CLAUDE_MODEL,
      max_tokens: 256,
      messages: [{ role: "user", content: "Use the tool." }],
      tools: [lookup],
    });
    expect(seen).toEqual([1]);
    expect(final.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });
    const messages = rig.received("/v1/messages");
    expect(messages).toHaveLength(2);
    expect(messages[1]!.body).toContain("found 2");
  });

  it("messages.countTokens is forwarded with the real key", async () => {
    const counted = await client.messages.countTokens({ model: CLAUDE_MODEL, messages: [{ role: "user", content: "hi" }] });
    expect(counted.input_tokens).toBe(10);
    const [upstream] = rig.received("/v1/messages/count_tokens");
    expect(upstream?.headers["x-api-key"]).toBe(ANTHROPIC_SECRET);
  });

  it("models.list answers in Anthropic's shape with only what the key may use", async () => {
    // Model globs match the upstream model (claude-3-5-haiku-latest) as well as the route name.
    const limited = await rig.org.key({ allowedModels: ["claude-*"] });
    const own = new Anthropic({ baseURL: rig.gateway.url, apiKey: limited.secret, maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of own.models.list()) {
      expect(model).toMatchObject({ type: "model", id: expect.any(String), display_name: expect.any(String), created_at: expect.any(String) });
      ids.push(model.id);
    }
    expect(ids).toEqual([CLAUDE_MODEL]);
    const page = await own.models.list();
    expect(page).toMatchObject({ has_more: false, first_id: expect.any(String), last_id: expect.any(String) });
  });

  it("messages carry a request id", async () => {
    const message = await client.messages.create({ model: CLAUDE_MODEL, max_tokens: 64, messages: [{ role: "user", content: "hi" }] });
    expect(message._request_id).toBeTruthy();
  });

  it("abort mid-stream: the SDK stops and the request is still metered with its tokens", async () => {
    const key = await rig.newKey();
    const own = new Anthropic({ baseURL: rig.gateway.url, apiKey: key.secret, maxRetries: 0 });
    rig.fake.configure({ chunks: 40, chunkDelayMs: 50 });
    const stream = own.messages.stream({ model: CLAUDE_MODEL, max_tokens: 256, messages: [{ role: "user", content: "long" }] });
    let deltas = 0;
    stream.on("text", () => {
      deltas += 1;
      if (deltas === 2) stream.abort();
    });
    await expect(stream.done()).rejects.toThrow();
    expect(deltas).toBe(2);
    const [event] = await rig.usage({ keyId: key.id });
    expect(event).toMatchObject({ outcome: "aborted", errorCode: "client_closed", stream: true });
    expect(event!.inputTokens + event!.outputTokens).toBeGreaterThan(0);
  });

  it("a provider 429 reaches the SDK as rate_limit_error with its headers; the retry succeeds", async () => {
    const seen: { status: number; headers: Headers; body: string }[] = [];
    const counting = new Anthropic({
      baseURL: rig.gateway.url,
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
        body: { type: "error", error: { type: "rate_limit_error", message: "Number of requests has exceeded your rate limit" } },
        headers: {
          "retry-after": "3",
          "retry-after-ms": "2100",
          "anthropic-ratelimit-requests-remaining": "0",
          "anthropic-ratelimit-requests-reset": "2030-01-01T00:00:00Z",
        },
      },
    });
    const message = await counting.messages.create({ model: CLAUDE_MODEL, max_tokens: 64, messages: [{ role: "user", content: "hi" }] });
    expect(message.content[0]).toMatchObject({ text: "Hello from fake" });
    expect(seen.map((s) => s.status)).toEqual([429, 200]);
    expect(rig.received("/v1/messages")).toHaveLength(2);
    const limited = seen[0]!;
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("retry-after-ms")).toBe("2100");
    expect(limited.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(JSON.parse(limited.body)).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });
});
