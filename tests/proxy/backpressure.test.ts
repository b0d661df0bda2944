// A provider's back-pressure reaches the client as the provider sent it: status, error type,
// wait hints, and its rate-limit headers where the client speaks its format. Latch's own retries
// before the first byte wait as long as the provider asks, or pass a long wait on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let secret: string;
beforeAll(async () => {
  [fake, gateway] = await Promise.all([startFakeProvider(), startGateway()]);
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const user = [{ role: "user" as const, content: "hi" }];
const LONG_WAIT = { "retry-after": "30" };
type SdkError = { status: number; headers: Headers; error: unknown };
const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as SdkError,
  );

describe("on /v1/messages from Anthropic", () => {
  it("a 429 keeps rate_limit_error, its wait and the anthropic-ratelimit-* headers", async () => {
    fake.configure({ failWith: { status: 429, headers: LONG_WAIT } });
    const err = await failure(anthropic().messages.create({ model: "haiku", max_tokens: 10, messages: user }));
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err.error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    expect(err.headers.get("retry-after")).toBe("30");
    expect(err.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    expect(err.headers.get("anthropic-ratelimit-output-tokens-limit")).toBe("10000");
    expect(fake.requests).toHaveLength(1);
  });

  it("a 529 stays a 529 overloaded_error", async () => {
    fake.configure({ failWith: { status: 529, headers: LONG_WAIT } });
    const err = await failure(anthropic().messages.create({ model: "haiku", max_tokens: 10, messages: user }));
    expect(err.status).toBe(529);
    expect(err.error).toMatchObject({ type: "error", error: { type: "overloaded_error" } });
    expect(err.headers.get("retry-after")).toBe("30");
  });
});

describe("on OpenAI-format endpoints", () => {
  it("an OpenAI 429 keeps its x-ratelimit-* headers and both wait hints", async () => {
    fake.configure({ failWith: { status: 429, headers: { "retry-after": "30", "retry-after-ms": "30000" } } });
    const err = await failure(openai().chat.completions.create({ model: "gpt-4o-mini", messages: user }));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    // OpenAI's own types for a 429 ("requests", "tokens") are not one of ours: the status says it.
    expect(err).toMatchObject({ type: "rate_limit_error" });
    expect(err.headers.get("retry-after-ms")).toBe("30000");
    expect(err.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(err.headers.get("x-ratelimit-limit-tokens")).toBe("30000");
  });

  it("Anthropic's rate-limit headers are not passed to an OpenAI client; the wait is", async () => {
    fake.configure({ failWith: { status: 429, headers: LONG_WAIT } });
    const err = await failure(openai().chat.completions.create({ model: "claude-haiku", messages: user }));
    expect(err.status).toBe(429);
    expect(err.headers.get("retry-after")).toBe("30");
    expect([...err.headers.keys()].filter((h) => h.startsWith("anthropic-"))).toEqual([]);
  });

  it("Anthropic's 529 is a 503 server_error for an OpenAI client, code overloaded_error", async () => {
    fake.configure({ failWith: { status: 529, headers: LONG_WAIT } });
    const err = await failure(openai().chat.completions.create({ model: "claude-haiku", messages: user }));
    expect(err).toMatchObject({ status: 503, type: "server_error", code: "overloaded_error" });
  });

  it("nothing else the provider sent is forwarded", async () => {
    fake.configure({ failWith: { status: 429, headers: { ...LONG_WAIT, "set-cookie": "upstream=1", "x-upstream-secret": "s" } } });
    const err = await failure(openai().chat.completions.create({ model: "gpt-4o-mini", messages: user }));
    expect(err.headers.get("set-cookie")).toBeNull();
    expect(err.headers.get("x-upstream-secret")).toBeNull();
  });
});

describe("retries before the first byte", () => {
  it("Latch waits a short retry-after-ms itself (it wins over a long retry-after) and answers 200", async () => {
    fake.configure({ failWith: { status: 429, times: 1, headers: { "retry-after": "30", "retry-after-ms": "150" } } });
    const completion = await openai().chat.completions.create({ model: "gpt-4o-mini", messages: user });
    expect(completion.choices[0]!.message.content).toBe("Hello from fake");
    expect(fake.requests).toHaveLength(2);
  });

  it("a long retry-after-ms is passed on, and the SDK's own retry honours it", async () => {
    fake.configure({ failWith: { status: 429, times: 1, headers: { "retry-after": "3", "retry-after-ms": "2100" } } });
    const seen: { status: number; retryAfterMs: string | null }[] = [];
    const client = new Anthropic({
      baseURL: gateway.url,
      apiKey: secret,
      maxRetries: 1,
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        seen.push({ status: res.status, retryAfterMs: res.headers.get("retry-after-ms") });
        return res;
      },
    });
    const message = await client.messages.create({ model: "haiku", max_tokens: 10, messages: user });
    expect(message.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });
    expect(seen).toEqual([
      { status: 429, retryAfterMs: "2100" },
      { status: 200, retryAfterMs: null },
    ]);
    // Latch did not retry on its own: the provider saw the SDK's two attempts only.
    expect(fake.requests).toHaveLength(2);
  });
});
