import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, OPENAI_SECRET, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  const { secret } = await t.key();
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

describe("POST /v1/chat/completions", () => {
  it("holds many non-streamed requests in flight at once without piling listeners on a shared signal", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      fake.hold();
      const all = Array.from({ length: 24 }, () => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }));
      await fake.waitForRequests(24);
      fake.release();
      expect((await Promise.all(all)).every((c) => c.choices[0]?.message.content === "Hello from fake")).toBe(true);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.includes("MaxListenersExceeded"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("proxies a plain completion with the real provider key and meters it", async () => {
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toBe("Hello from fake");
    expect(completion.usage?.prompt_tokens).toBe(10);

    const received = fake.requests.at(-1)!;
    expect(received.headers.authorization).toBe(`Bearer ${OPENAI_SECRET}`);
    expect(JSON.stringify(received.headers)).not.toContain("sk-latch-");

    await usageQueue.flush();
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { orgId: t.org.id, endpoint: "chat.completions" }, orderBy: { createdAt: "desc" } }));
    expect(event).toMatchObject({
      provider: "openai",
      model: "gpt-4o-mini",
      inputTokens: 10,
      outputTokens: 5,
      status: 200,
      outcome: "success",
      userId: t.developer.id,
    });
    // gpt-4o-mini is in the catalog: 10 * 0.15 + 5 * 0.6 per 1M tokens.
    expect(Number(event.costUsd)).toBeCloseTo((10 * 0.15 + 5 * 0.6) / 1e6, 12);
  });

  it("streams chunks as they arrive and hides the usage chunk the client did not ask for", async () => {
    fake.configure({ chunks: 4, chunkDelayMs: 150 });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }], stream: true });
    const arrivals: number[] = [];
    let text = "";
    const chunks = [];
    for await (const chunk of stream) {
      arrivals.push(Date.now() - started);
      chunks.push(chunk);
      text += chunk.choices[0]?.delta.content ?? "";
    }
    expect(text).toBe("Hello from fake");
    // The first chunk came before the provider had finished sending (4 chunks, 150 ms apart).
    expect(arrivals[0]!).toBeLessThan(arrivals.at(-1)!);
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    // Latch asked the provider for usage on the client's behalf.
    expect((fake.requests.at(-1)!.json as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage).toBe(true);

    await usageQueue.flush();
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { orgId: t.org.id, stream: true }, orderBy: { createdAt: "desc" } }));
    expect(event).toMatchObject({ inputTokens: 10, outputTokens: 5, outcome: "success" });
    expect(event.ttftMs).not.toBeNull();
  });

  it("passes the usage chunk through when the client asked for it, with cached tokens", async () => {
    fake.configure({ usage: { cached_tokens: 4 } });
    const stream = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage?.prompt_tokens_details?.cached_tokens).toBe(4);
    await usageQueue.flush();
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { orgId: t.org.id, cachedInputTokens: 4 } }));
    expect(event.inputTokens).toBe(10);
  });

  it("reads usage from a final chunk that also carries choices", async () => {
    fake.configure({ usageInFinalChoiceChunk: true, usage: { completion_tokens: 77 } });
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], stream: true });
    for await (const _ of stream) void _;
    await usageQueue.flush();
    await waitFor(() => db.usageEvent.findFirst({ where: { orgId: t.org.id, outputTokens: 77 } }));
  });

  it("meters a stream the client abandons, never as free", async () => {
    fake.configure({ chunks: 10, chunkDelayMs: 100 });
    const before = await db.usageEvent.count({ where: { orgId: t.org.id, outcome: "aborted" } });
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "long" }], stream: true });
    for await (const _ of stream) break;
    const event = await waitFor(async () => {
      await usageQueue.flush();
      const count = await db.usageEvent.count({ where: { orgId: t.org.id, outcome: "aborted" } });
      return count > before && db.usageEvent.findFirst({ where: { orgId: t.org.id, outcome: "aborted" }, orderBy: { createdAt: "desc" } });
    });
    expect(event!.inputTokens + event!.outputTokens).toBeGreaterThan(0);
    expect(Number(event!.costUsd)).toBeGreaterThan(0);
  });

  it("falls over to the next credential on a 5xx before any byte was sent", async () => {
    const second = await startFakeProvider({ replyText: "from the second provider" });
    try {
      const cred = await db.providerCredential.create({
        data: {
          orgId: t.org.id,
          name: "OpenAI backup",
          provider: "openai",
          baseUrl: `${second.url}/v1`,
          encryptedSecret: (await import("@/lib/security/secret-box")).encryptSecret("sk-backup"),
        },
      });
      await db.modelRoute.createMany({
        data: [
          { orgId: t.org.id, publicName: "ha-model", credentialId: t.credentials.openai.id, upstreamModel: "gpt-4o-mini", priority: 0 },
          { orgId: t.org.id, publicName: "ha-model", credentialId: cred.id, upstreamModel: "gpt-4o-mini", priority: 1 },
        ],
      });
      (await import("@/lib/gateway/org-cache")).evictOrg(t.org.id);
      fake.configure({ failWith: { status: 503, body: { error: { message: "overloaded", type: "server_error" } } } });
      const replies = new Set<string>();
      for (let i = 0; i < 2; i++) {
        const c = await client.chat.completions.create({ model: "ha-model", messages: [{ role: "user", content: "x" }] });
        replies.add(c.choices[0]!.message.content!);
      }
      expect([...replies]).toEqual(["from the second provider"]);
      expect(second.requests.at(-1)!.headers.authorization).toBe("Bearer sk-backup");
    } finally {
      await second.close();
    }
  });
});
