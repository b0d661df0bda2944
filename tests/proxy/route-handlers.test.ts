// The same data plane through the Next route handler modules (app/v1/**/route.ts), which serve
// Latch on any Next host and when LATCH_FAST_PATH=false.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg, OPENAI_SECRET, type TestOrg } from "@/tests/helpers/org";
import type { TestGateway } from "@/tests/helpers/gateway";

let fake: FakeProvider;
let app: TestGateway;
let t: TestOrg;
let openai: OpenAI;
let secret: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  app = await startAppServer({ fastPath: false });
  t = await createTestOrg(fake.url);
  secret = (await t.key({ allowedIps: ["127.0.0.1"] })).secret;
  openai = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: secret, maxRetries: 0 });
});
afterAll(async () => {
  await app.close();
  await fake.close();
});
beforeEach(() => fake.reset());

describe("Next route handlers", () => {
  it("chat completions, plain and streamed, with the client IP from the peer header", async () => {
    const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]!.message.content).toBe("Hello from fake");
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${OPENAI_SECRET}`);

    fake.configure({ chunks: 4, chunkDelayMs: 100 });
    const arrivals: number[] = [];
    const started = Date.now();
    let text = "";
    for await (const chunk of await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true })) {
      arrivals.push(Date.now() - started);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe("Hello from fake");
    expect(arrivals[0]!).toBeLessThan(arrivals.at(-1)!);
  });

  it("responses, embeddings, models and Anthropic messages", async () => {
    expect((await openai.responses.create({ model: "gpt-4o-mini", input: "hi" })).output_text).toBe("Hello from fake");
    expect((await openai.embeddings.create({ model: "text-embedding-3-small", input: "a" })).data).toHaveLength(1);
    const ids = [];
    for await (const m of openai.models.list()) ids.push(m.id);
    expect(ids).toContain("echo");
    expect((await openai.models.retrieve("echo")).id).toBe("echo");
    const anthropic = new Anthropic({ baseURL: app.url, apiKey: secret, maxRetries: 0 });
    const message = await anthropic.messages.create({ model: "haiku", max_tokens: 10, messages: [{ role: "user", content: "hi" }] });
    expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });
  });

  it("errors keep their shape", async () => {
    const bad = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: "sk-latch-nope", maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 401,
      code: "invalid_api_key",
    });
    await expect(openai.chat.completions.create({ model: "nope", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 404,
      code: "model_not_found",
    });
  });
});
