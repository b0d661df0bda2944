// A request the provider received, on an instance SIGKILLed before it settled, is still counted:
// its in-flight entry (recorded with the reservation) is claimed by a sweep on a surviving
// instance (this process), JSON or stream alike, which writes one aborted, estimated usage event at the reservation and
// settles the key's spend at it. A request that settled normally is never recorded again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { redis } from "@/lib/redis";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { usdToNano } from "@/lib/policy/budget-rules";
import { sweepLostRequests } from "@/lib/policy/lost-requests";

// Short, so the dead instance's entries are due soon after the kill.
const HOLD_TTL_MS = 3_000;
const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "lost" }] });
const STREAM_BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, stream: true, messages: [{ role: "user", content: "lost" }] });
const worstUsd = (body: string) => (worstCaseInputTokens(Buffer.byteLength(body)) * 0.15 + 100 * 0.6) / 1e6;
const WORST_USD = worstUsd(BODY);

let fake: FakeProvider;
let crashy: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  crashy = await startGatewayProcess({ LATCH_HOLD_TTL_MS: String(HOLD_TTL_MS) });
  t = await createTestOrg(fake.url);
}, 240_000);
afterAll(async () => {
  await crashy.kill("SIGKILL");
  await fake.close();
});

const post = (secret: string, body = BODY) =>
  fetch(`${crashy.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body,
  });

describe("a request in flight when its instance is SIGKILLed", () => {
  it("gets one usage event at its reservation and counts against the key's spend; a settled one is not recorded again", { timeout: 240_000 }, async () => {
    if (redis.kind !== "redis") throw new Error("this test reads the key's spend counter in Redis");
    const client = redis.client;
    const { id, secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: WORST_USD * 100 }] });

    const settled = await post(secret);
    expect(settled.status).toBe(200);
    const settledId = settled.headers.get("x-request-id")!;
    await settled.text();
    const normal = await waitFor(() => db.usageEvent.findFirst({ where: { id: settledId } }), 60_000);

    // Two in flight upstream: a stream paused after its first frames, and a JSON answer held.
    fake.configure({ chunks: 5, pauseStreamAfter: 2 });
    const streaming = await post(secret, STREAM_BODY);
    const reader = streaming.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while ((text.match(/"content":"/g) ?? []).length < 2) text += (await reader.read()).value ?? "";
    await waitFor(async () => fake.held() === 1, 30_000);
    fake.hold();
    const lost = post(secret).catch(() => null);
    await fake.waitForRequests(3);
    await crashy.kill("SIGKILL");
    const killedAt = Date.now();
    await lost;
    await reader.cancel().catch(() => {});
    fake.release();

    // This process is the surviving instance: its sweep finds the entry once its deadline passed.
    const where = { keyId: id, errorCode: "instance_lost" };
    const found = await waitFor(async () => {
      await sweepLostRequests();
      const rows = await db.usageEvent.findMany({ where });
      return rows.length >= 2 && rows;
    }, 60_000);
    const recordedMs = Date.now() - killedAt;
    const event = found.find((e) => !e.stream)!;
    const stream = found.find((e) => e.stream)!;
    expect(stream).toMatchObject({ outcome: "aborted", estimated: true, status: 502, model: "gpt-4o-mini" });
    expect(Number(stream.costUsd)).toBeCloseTo(worstUsd(STREAM_BODY), 9);
    expect(event).toMatchObject({ outcome: "aborted", estimated: true, status: 502, provider: "openai", model: "gpt-4o-mini" });
    expect(event.endpoint).toBe(normal.endpoint);
    expect(Number(event.costUsd)).toBeCloseTo(WORST_USD, 9);
    expect(event.id).not.toBe(settledId);

    // Swept again: nothing more to record; each request has exactly one event.
    expect(await sweepLostRequests()).toBe(0);
    const events = await db.usageEvent.findMany({ where: { keyId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.id, e.errorCode])).toEqual([
      [settledId, null],
      [stream.id, "instance_lost"],
      [event.id, "instance_lost"],
    ]);

    // The key's spend counter holds both: the settled cost and the lost request's reservation, none held.
    const counters = (await client.keys(`${redis.prefix}{o:${t.org.id}}:b:*`)).filter((k) => /:b:[^:]+:\d+$/.test(k));
    expect(counters).toHaveLength(1);
    expect(Number(await client.get(counters[0]!))).toBe(usdToNano(Number(normal.costUsd)) + usdToNano(WORST_USD) + usdToNano(worstUsd(STREAM_BODY)));
    expect(Number((await client.get(`${counters[0]!}:held`)) ?? 0)).toBe(0);
    expect(await client.zcard(`${redis.prefix}{o:${t.org.id}}:if`)).toBe(0);
    console.info(`lost requests: recorded ${recordedMs} ms after SIGKILL (hold TTL ${HOLD_TTL_MS} ms)`);
  });
});
