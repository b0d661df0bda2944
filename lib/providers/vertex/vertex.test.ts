import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import * as anthropicFx from "../anthropic/fixtures";
import { ProviderRequestError } from "../errors";
import { buildInput, credential, jsonEvents, runStream } from "../test-helpers";
import type { BuildRequestInput, Credential } from "../types";
import * as fx from "./fixtures";
import { vertexAdapter as adapter } from "./index";

const SA = JSON.stringify({
  type: "service_account",
  project_id: "key-project",
  client_email: "sa@key-project.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n",
});
const vertexCredential = (overrides: Partial<Credential> = {}) => credential({ provider: "vertex", secret: SA, config: { region: "us-east5" }, ...overrides });
const input = (upstreamModel: string, overrides: Partial<BuildRequestInput> = {}) =>
  buildInput({ credential: vertexCredential(), upstreamModel, ...overrides });
const bodyOf = (i: BuildRequestInput) => JSON.parse(adapter.buildRequest(i).body!) as Record<string, unknown>;
const LOCATION = "https://us-east5-aiplatform.googleapis.com/v1/projects/key-project/locations/us-east5";

describe("Vertex AI requests", () => {
  it("Gemini: the OpenAI-compatible endpoint with a publisher-qualified model and stream usage on", () => {
    const request = adapter.buildRequest(input("gemini-2.5-flash", { stream: true }));
    expect(request.url).toBe(`${LOCATION}/endpoints/openapi/chat/completions`);
    expect(JSON.parse(request.body!)).toMatchObject({ model: "google/gemini-2.5-flash", stream_options: { include_usage: true } });
    expect(bodyOf(input("meta/llama-3.3-70b-instruct-maas")).model).toBe("meta/llama-3.3-70b-instruct-maas");
    expect(() => adapter.buildRequest(input("gemini-2.5-flash", { endpoint: "messages" }))).toThrow(ProviderRequestError);
  });

  it("Claude: rawPredict / streamRawPredict with Anthropic's body, the version in it and no model", () => {
    const messages = input("claude-sonnet-4-5@20250929", {
      endpoint: "messages",
      body: { model: "alias", max_tokens: 20, messages: [{ role: "user", content: "hi" }] },
    });
    const plain = adapter.buildRequest(messages);
    expect(plain.url).toBe(`${LOCATION}/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict`);
    expect(JSON.parse(plain.body!)).toEqual({ max_tokens: 20, messages: [{ role: "user", content: "hi" }], anthropic_version: "vertex-2023-10-16" });
    const streamed = adapter.buildRequest({ ...messages, stream: true });
    expect(streamed.url.endsWith(":streamRawPredict")).toBe(true);
    expect(JSON.parse(streamed.body!)).toMatchObject({ stream: true });
    const chat = bodyOf(
      input("claude-sonnet-4-5@20250929", {
        body: {
          messages: [
            { role: "system", content: "terse" },
            { role: "user", content: "hi" },
          ],
        },
      }),
    );
    expect(chat).toEqual({ anthropic_version: "vertex-2023-10-16", max_tokens: 4096, system: "terse", messages: [{ role: "user", content: "hi" }] });
  });

  it("project and region come from config (project falls back to the key's), global has the bare host", () => {
    const global = vertexCredential({ config: { region: "global", project: "cfg-project" } });
    expect(adapter.buildRequest(input("gemini-2.5-pro", { credential: global })).url).toBe(
      "https://aiplatform.googleapis.com/v1/projects/cfg-project/locations/global/endpoints/openapi/chat/completions",
    );
    const overridden = vertexCredential({ baseUrl: "http://127.0.0.1:9100" });
    expect(adapter.buildRequest(input("gemini-2.5-pro", { credential: overridden })).url.startsWith("http://127.0.0.1:9100/v1/projects/key-project/")).toBe(
      true,
    );
  });
});

describe("Vertex AI responses and errors", () => {
  it("Gemini answers pass through in OpenAI's format, usage read out of them", () => {
    expect(adapter.parseResponse("chat.completions", fx.GEMINI_CHAT_RESPONSE, input("gemini-2.5-flash"))).toEqual({
      body: fx.GEMINI_CHAT_RESPONSE,
      // Gemini leaves its thinking out of completion_tokens (7) but bills it: total 31 − prompt 5.
      usage: { inputTokens: 5, outputTokens: 26, cachedInputTokens: 0 },
    });
    const t = adapter.createStreamTransformer("chat.completions", input("gemini-2.5-flash", { stream: true }));
    const out = runStream(t, fx.GEMINI_STREAM);
    expect(jsonEvents(out).every((c) => (c.choices as unknown[]).length > 0)).toBe(true); // Latch's usage chunk is dropped
    expect(t.usage()).toEqual({ inputTokens: 5, outputTokens: 26, cachedInputTokens: 0 });
  });

  it("Claude answers are Anthropic's: passed through for messages, translated for chat", () => {
    const claude = input("claude-sonnet-4-5@20250929");
    expect(adapter.parseResponse("messages", anthropicFx.TEXT_MESSAGE, claude).body).toBe(anthropicFx.TEXT_MESSAGE);
    expect(adapter.parseResponse("chat.completions", anthropicFx.TEXT_MESSAGE, claude).body).toMatchObject({
      choices: [{ message: { content: "Hi! My name is Claude." } }],
    });
    const t = adapter.createStreamTransformer("chat.completions", { ...claude, stream: true });
    expect(runStream(t, anthropicFx.TEXT_STREAM).endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("maps Google-shaped and Anthropic-shaped errors", () => {
    expect(adapter.mapError(404, fx.GOOGLE_ERROR)).toMatchObject({ status: 404, code: "NOT_FOUND", type: "not_found_error" });
    expect(adapter.mapError(529, fx.ANTHROPIC_ON_VERTEX_ERROR)).toMatchObject({ status: 529, message: "Overloaded", type: "overloaded_error" });
  });
});

describe("Vertex AI access tokens", () => {
  let fake: FakeVertex;
  beforeAll(async () => {
    fake = await startFakeVertex();
  });
  afterAll(() => fake.close());
  const authorize = async (c: Credential) => {
    const i = input("gemini-2.5-flash", { credential: c });
    return (await adapter.authorizeRequest!(adapter.buildRequest(i), i)).headers.authorization;
  };

  it("mints a token through the key's token_uri and reuses it until shortly before expiry", async () => {
    const c = vertexCredential({ id: "cred_tokens", secret: fake.serviceAccountKey() });
    const [first, ...rest] = await Promise.all([authorize(c), authorize(c), authorize(c)]);
    expect(first).toMatch(/^Bearer ya29\.fake-/);
    expect(rest).toEqual([first, first]);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(await authorize(vertexCredential({ id: "cred_rotated", secret: fake.serviceAccountKey() }))).not.toBe(first);
  });

  it("refreshes a token that is about to expire", async () => {
    const shortLived = await startFakeVertex({ tokenTtlSeconds: 60 });
    try {
      const c = vertexCredential({ id: "cred_short", secret: shortLived.serviceAccountKey() });
      const a = await authorize(c);
      expect(await authorize(c)).not.toBe(a);
      expect(shortLived.tokenRequests).toHaveLength(2);
    } finally {
      await shortLived.close();
    }
  });

  it("fails for a key the token endpoint rejects, or one that is not a key", async () => {
    const foreign = await startFakeVertex();
    try {
      const wrongSigner = JSON.stringify({ ...JSON.parse(foreign.serviceAccountKey()), token_uri: `${fake.url}/token` });
      await expect(authorize(vertexCredential({ id: "cred_wrong", secret: wrongSigner }))).rejects.toThrow();
    } finally {
      await foreign.close();
    }
    await expect(authorize(vertexCredential({ id: "cred_junk", secret: "not json" }))).rejects.toThrow(/service account/);
  });
});
