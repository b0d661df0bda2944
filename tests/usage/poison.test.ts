// One bad event must never stop usage recording: client-derived strings are made storable before
// they are queued, model names a provider could never have are refused up front, and an entry that
// Postgres still refuses is dead-lettered while the rest of its batch is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { env } from "@/lib/env";
import { usageQueue } from "@/lib/usage/queue";
import { MemoryUsageQueue } from "@/lib/usage/memory-queue";
import { testUsageEvent } from "@/tests/helpers/usage-event";
import type { UsageEvent } from "@/lib/usage/event";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let secret: string;
let keyId: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  const key = await t.key();
  secret = key.secret;
  keyId = key.id;
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

const chat = (model: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }),
  });

const event = (overrides: Partial<UsageEvent>) => testUsageEvent(t.org.id, { keyId, findings: null, ...overrides });

const deadLetters = (id: string) => db.usageDeadLetter.findMany({ where: { payload: { contains: id } } });

describe("model names no provider could have", () => {
  it.each([
    ["a lone surrogate", "openai/\ud800"],
    ["a NUL", "openai/\u0000x"],
    ["2,800 characters", `openai/${"m".repeat(2_800)}`],
  ])("%s is refused with a clean 400 naming the field", async (_, model) => {
    const response = await chat(model);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { type: string; param: string | null } };
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: "model" });
  });
});

describe("client-derived strings are stored bounded", () => {
  it("a 5,000-character user agent is recorded, truncated", async () => {
    const response = await chat("gpt-4o-mini", { "user-agent": `agent/${"u".repeat(5_000)}` });
    expect(response.status).toBe(200);
    const id = response.headers.get("x-request-id")!;
    await usageQueue.flush();
    const row = await db.usageEvent.findFirstOrThrow({ where: { id } });
    expect(row.userAgent!.length).toBe(512);
  });
});

describe("a poison entry in the stream", () => {
  it.each([
    ["an escaped NUL", { model: "bad\u0000model" }],
    ["a lone surrogate", { model: "bad\ud800model" }],
    // Incompressible, so it stays above the btree row limit (~2,700 bytes) of the model index.
    ["a model over the index row limit", { model: randomBytes(4_000).toString("base64") }],
  ])("with %s is dead-lettered and every other event is written", async (_, poisonFields) => {
    if (redis.kind !== "redis") throw new Error("this test needs the Redis stream transport");
    // Written straight into the stream, as an older instance or any other path could have.
    const poison = event(poisonFields);
    await redis.client.xadd(`${env.REDIS_KEY_PREFIX}usage`, "*", "e", JSON.stringify(poison));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await chat("gpt-4o-mini");
      expect(response.status).toBe(200);
      ids.push(response.headers.get("x-request-id")!);
    }
    await usageQueue.flush();
    expect(await db.usageEvent.count({ where: { id: { in: ids } } })).toBe(5);
    expect(await db.usageEvent.count({ where: { id: poison.id } })).toBe(0);
    const [letter] = await deadLetters(poison.id);
    expect(letter?.error).toBeTruthy();
    expect(await usageQueue.stream!.backlog()).toBe(0);
  });
});

describe("the in-process queue", () => {
  it("dead-letters a refused event and writes the rest of its batch", async () => {
    const queue = new MemoryUsageQueue();
    const good = [event({}), event({}), event({})];
    const poison = event({ model: "bad\u0000model" });
    for (const e of [good[0]!, poison, good[1]!, good[2]!]) queue.enqueue(e);
    await queue.flush();
    expect(await db.usageEvent.count({ where: { id: { in: good.map((e) => e.id) } } })).toBe(3);
    expect(await deadLetters(poison.id)).toHaveLength(1);
    expect(queue.deadLettered).toBe(1);
    expect(queue.pending).toBe(0);
  });
});

describe("an idle consumer", () => {
  it("is not counted as a failed write while it waits on an empty stream", async () => {
    await usageQueue.flush();
    const before = usageQueue.failures;
    // Each blocking read waits a second for new entries; three of them pass with nothing to read.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(usageQueue.failures).toBe(before);
  });
});
