// Data-classification guardrails through the official SDKs: block, redact and log-only on chat
// completions and Anthropic messages, what the provider receives, what is recorded, and that the
// matched text appears in no error, usage row or log line.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import pino from "pino";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { usageQueue } from "@/lib/usage/queue";
import { updateClassificationSettings } from "@/lib/orgs/classification";

const CARD = "4111 1111 1111 1111";
const SSN = "536-90-4399";
const EMAIL = "jane.doe@example.com";
const AWS = "AKIA" + "IOSFODNN7EXAMPLE";
const DSN = "postgres://app:" + "hunter2" + "@db.internal:5432/prod";
const SECRETS = [CARD, "4111111111111111", SSN, AWS, "hunter2"];

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let logged: string[] = [];
const logLevel = logger.level;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  // Every log line at every level, wherever it is written.
  logged = [];
  logger.level = "trace";
  const stream = (logger as unknown as Record<symbol, { write(s: string): boolean }>)[pino.symbols.streamSym]!;
  const keep = (chunk: unknown) => void logged.push(String(chunk));
  vi.spyOn(stream, "write").mockImplementation((s) => (keep(s), true));
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation((...args) => keep(args.map(String).join(" ")));
  logger.trace("capture canary");
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(logged.join("\n")).toContain("capture canary"); // the capture itself works
  logger.level = logLevel;
  for (const secret of SECRETS) expect(logged.join("\n"), "a log line carries matched text").not.toContain(secret);
});

async function keyWith(maxLevel: string | null, action: string | null) {
  const { id, secret } = await t.key();
  await updateClassificationSettings({ actor: t.adminActor, input: { keys: [{ keyId: id, maxLevel: maxLevel as "internal", action: action as "block" }] } });
  return {
    id,
    openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: gateway.url, apiKey: secret, maxRetries: 0 }),
  };
}

async function usageOf(keyId: string) {
  await usageQueue.flush();
  return waitFor(() => db.usageEvent.findFirst({ where: { keyId }, orderBy: { createdAt: "desc" } }));
}

const received = () => JSON.stringify(fake.requests.at(-1)!.json);

async function refusal<E>(request: Promise<unknown>): Promise<E> {
  try {
    await request;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the request to be refused");
}

describe("block", () => {
  it("refuses a chat completion with a 403 naming the classes, not the text, and records the findings", async () => {
    const k = await keyWith("internal", "block");
    const error = await refusal<InstanceType<typeof OpenAI.APIError>>(
      k.openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Charge ${CARD} and mail ${EMAIL}` }] }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ status: 403, code: "data_classification_blocked", type: "permission_error" });
    expect(error.message).toContain("credit_card");
    expect(error.message).not.toContain("email"); // internal is allowed for this key
    expect(JSON.stringify(error.error)).not.toMatch(/4111|jane/);
    expect(fake.requests).toHaveLength(0);
    const event = await usageOf(k.id);
    expect(event).toMatchObject({
      status: 403,
      outcome: "rejected",
      errorCode: "data_classification_blocked",
      findings: { action: "block", classes: { credit_card: 1 } },
    });
    expect(JSON.stringify(event)).not.toContain("4111");
  });

  it("refuses an Anthropic message whose system prompt carries a secret", async () => {
    const k = await keyWith("confidential", "block");
    const error = await refusal<InstanceType<typeof Anthropic.APIError>>(
      k.anthropic.messages.create({
        model: "claude-haiku",
        max_tokens: 20,
        system: `Use ${AWS} for S3.`,
        messages: [{ role: "user", content: "List my buckets" }],
      }),
    );
    expect(error).toMatchObject({ status: 403 });
    expect(error.error).toMatchObject({
      type: "error",
      error: { type: "permission_error", code: "data_classification_blocked", detectors: ["aws_access_key"] },
    });
    expect(JSON.stringify(error.error)).not.toContain(AWS);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("redact", () => {
  it("forwards chat completions with typed placeholders, leaving data at the allowed level", async () => {
    const k = await keyWith("internal", "redact");
    const completion = await k.openai.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: `Reach the customer at ${EMAIL}.` },
        { role: "user", content: [{ type: "text", text: `Refund card ${CARD}, SSN ${SSN}.` }] },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "db", arguments: JSON.stringify({ dsn: DSN }) } }] },
        { role: "tool", tool_call_id: "c1", content: `connected with ${DSN}` },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe("Hello from fake");
    const body = received();
    expect(body).toContain("Refund card [REDACTED_CREDIT_CARD], SSN [REDACTED_US_SSN].");
    expect(body).toContain("connected with [REDACTED_CONNECTION_STRING]");
    expect(body).toContain(EMAIL);
    for (const secret of SECRETS) expect(body).not.toContain(secret);
    const event = await usageOf(k.id);
    expect(event.findings).toEqual({ action: "redact", classes: { credit_card: 1, us_ssn: 1, connection_string: 2 } });
  });

  it("forwards streamed Anthropic messages with system, tool results and text redacted", async () => {
    const k = await keyWith("public", "redact");
    const stream = await k.anthropic.messages.create({
      model: "claude-haiku",
      max_tokens: 50,
      stream: true,
      system: [{ type: "text", text: `Support inbox: ${EMAIL}` }],
      messages: [
        { role: "user", content: "Look up the customer" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "crm", input: { q: "customer" } }] },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "t1", content: `card ${CARD}` },
            { type: "text", text: `and SSN ${SSN}?` },
          ],
        },
      ],
    });
    let text = "";
    for await (const event of stream) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
    expect(text.length).toBeGreaterThan(0);
    const body = fake.requests.at(-1)!.json as { system: { text: string }[]; messages: { content: unknown }[] };
    expect(body.system[0]!.text).toBe("Support inbox: [REDACTED_EMAIL]");
    expect(body.messages[2]!.content).toEqual([
      { type: "tool_result", tool_use_id: "t1", content: "card [REDACTED_CREDIT_CARD]" },
      { type: "text", text: "and SSN [REDACTED_US_SSN]?" },
    ]);
  });
});

describe("log only and no limit", () => {
  it("log_only forwards the prompt as sent and records classes and counts", async () => {
    const k = await keyWith("public", "log_only");
    await k.openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Card ${CARD}, card ${CARD}, mail ${EMAIL}` }] });
    expect(received()).toContain(CARD);
    const event = await usageOf(k.id);
    expect(event).toMatchObject({ outcome: "success", findings: { action: "log_only", classes: { credit_card: 2, email: 1 } } });
  });

  it("a key without a level is not scanned, and look-alike order numbers never trip a limit", async () => {
    const open = await keyWith(null, null);
    await open.openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: `Card ${CARD}` }] });
    expect((await usageOf(open.id)).findings).toBeNull();
    const strict = await keyWith("public", "block");
    const orders = "Orders 4111111111111112 and 7000000000000005 shipped 2024-05-01; call 123-456-7890 re ticket 20240501-77.";
    await strict.openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: orders }] });
    expect(received()).toContain(orders);
  });
});
