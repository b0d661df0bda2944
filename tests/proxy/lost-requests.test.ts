// A request the provider received, on an instance SIGKILLed before it settled, is still counted:
// its in-flight entry (recorded with the reservation) is claimed by a sweep on a surviving
// instance (this process), which writes one aborted, estimated usage event at the reservation and
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
const WORST_USD = (worstCaseInputTokens(Buffer.byteLength(BODY)) * 0.15 + 100 * 0.6) / 1e6;

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

const post = (secret: string) =>
  fetch(`${crashy.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: BODY,
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

    fake.hold();
    const lost = post(secret).catch(() => null);
    await fake.waitForRequests(2);
    await crashy.kill("SIGKILL");
    const killedAt = Date.now();
    await lost;
    fake.release();

    // This process is the surviving instance: its sweep finds the entry once its deadline passed.
    const where = { keyId: id, errorCode: "instance_lost" };
    const event = await waitFor(async () => {
      await sweepLostRequests();
      return db.usageEvent.findFirst({ where });
    }, 60_000);
    const recordedMs = Date.now() - killedAt;
    expect(event).toMatchObject({ outcome: "aborted", estimated: true, status: 502, provider: "openai", model: "gpt-4o-mini" });
    expect(event.endpoint).toBe(normal.endpoint);
    expect(Number(event.costUsd)).toBeCloseTo(WORST_USD, 9);
    expect(event.id).not.toBe(settledId);

    // Swept again: nothing more to record; each request has exactly one event.
    expect(await sweepLostRequests()).toBe(0);
    const events = await db.usageEvent.findMany({ where: { keyId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.id, e.errorCode])).toEqual([
      [settledId, null],
      [event.id, "instance_lost"],
    ]);

    // The key's spend counter holds both: the settled cost and the lost request's reservation, none held.
    const counters = (await client.keys(`${redis.prefix}{o:${t.org.id}}:b:*`)).filter((k) => /:b:[^:]+:\d+$/.test(k));
    expect(counters).toHaveLength(1);
    expect(Number(await client.get(counters[0]!))).toBe(usdToNano(Number(normal.costUsd)) + usdToNano(WORST_USD));
    expect(Number((await client.get(`${counters[0]!}:held`)) ?? 0)).toBe(0);
    expect(await client.zcard(`${redis.prefix}{o:${t.org.id}}:if`)).toBe(0);
    console.info(`lost requests: recorded ${recordedMs} ms after SIGKILL (hold TTL ${HOLD_TTL_MS} ms)`);
  });
});
