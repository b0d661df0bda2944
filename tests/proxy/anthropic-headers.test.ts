// Anthropic clients through Latch get what Anthropic's API gives them: their anthropic-version and
// every beta reach the provider (so beta-only body fields are accepted), and every answer carries
// `request-id`, so the SDK's `_request_id` is set. On both the lean path and the Next route handlers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";

let fake: FakeProvider;
let t: TestOrg;
let secret: string;
beforeAll(async () => {
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const user = [{ role: "user" as const, content: "hi" }];
const CONTEXT_MANAGEMENT = { edits: [{ type: "clear_tool_uses_20250919" as const }] };

describe.each([
  ["lean node:http path", () => startGateway()],
  ["Next route handlers", () => startAppServer({ fastPath: false })],
])("%s", (_name, start) => {
  let gateway: TestGateway;
  let anthropic: Anthropic;
  beforeAll(async () => {
    gateway = await start();
    anthropic = new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it("forwards every beta, so beta-only fields (context_management, defer_loading) are accepted", async () => {
    const message = await anthropic.beta.messages.create({
      model: "claude-haiku",
      max_tokens: 100,
      messages: user,
      betas: ["context-management-2025-06-27", "advanced-tool-use-2025-11-20"],
      context_management: CONTEXT_MANAGEMENT,
      tools: [{ name: "search_docs", input_schema: { type: "object" }, defer_loading: true }],
    });
    expect(message.stop_reason).toBe("tool_use");
    const received = fake.requests.at(-1)!;
    expect(received.headers["anthropic-beta"]).toBe("context-management-2025-06-27,advanced-tool-use-2025-11-20");
    expect(received.json).toMatchObject({ context_management: CONTEXT_MANAGEMENT, tools: [{ defer_loading: true }] });
  });

  it("joins repeated beta headers and drops duplicates", async () => {
    const res = await fetch(`${gateway.url}/v1/messages`, {
      method: "POST",
      headers: [
        ["x-api-key", secret],
        ["content-type", "application/json"],
        ["anthropic-version", "2023-06-01"],
        ["anthropic-beta", "context-management-2025-06-27, interleaved-thinking-2025-05-14"],
        ["anthropic-beta", "interleaved-thinking-2025-05-14"],
      ],
      body: JSON.stringify({ model: "claude-haiku", max_tokens: 10, messages: user, context_management: CONTEXT_MANAGEMENT }),
    });
    expect(res.status).toBe(200);
    expect(fake.requests.at(-1)!.headers["anthropic-beta"]).toBe("context-management-2025-06-27,interleaved-thinking-2025-05-14");
  });

  it("without the beta the provider's own 400 reaches the client", async () => {
    const err = await anthropic.messages
      .create({ model: "claude-haiku", max_tokens: 10, messages: user, ...({ context_management: CONTEXT_MANAGEMENT } as object) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      error: { type: "invalid_request_error", message: "context_management: Extra inputs are not permitted" },
    });
    expect(fake.requests.at(-1)!.headers).not.toHaveProperty("anthropic-beta");
  });

  it("forwards the client's anthropic-version", async () => {
    await anthropic.messages.create({ model: "claude-haiku", max_tokens: 10, messages: user }, { headers: { "anthropic-version": "2024-10-22" } });
    expect(fake.requests.at(-1)!.headers["anthropic-version"]).toBe("2024-10-22");
  });

  it("sets the SDK's _request_id on answers and errors, equal to x-request-id", async () => {
    const message = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 10, messages: user });
    expect(message._request_id).toMatch(/^req_/);
    const { response, request_id } = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 10, messages: user }).withResponse();
    expect(response.headers.get("x-request-id")).toBe(request_id);

    const stream = await anthropic.messages.create({ model: "claude-haiku", max_tokens: 10, messages: user, stream: true }).withResponse();
    expect(stream.request_id).toMatch(/^req_/);
    for await (const _event of stream.data);

    const err = await anthropic.messages.create({ model: "no-such-model", max_tokens: 10, messages: user }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect((err as InstanceType<typeof Anthropic.NotFoundError>).requestID).toMatch(/^req_/);
  });
});
