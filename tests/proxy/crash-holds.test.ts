// A SIGKILLed instance cannot lock a key out: concurrency slots and budget holds live for a short
// TTL renewed while their request lives, so the dead instance's holds free within one TTL, while
// a live request keeps its own however long it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { redis } from "@/lib/redis";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";

// Short, so the test sees holds outlive it (renewed) and then free (the instance dead).
const HOLD_TTL_MS = 3_000;
const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "hold" }] });
const WORST_USD = (worstCaseInputTokens(Buffer.byteLength(BODY)) * 0.15 + 100 * 0.6) / 1e6;

let fake: FakeProvider;
let gateway: TestGateway;
let crashy: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  crashy = await startGatewayProcess({ LATCH_HOLD_TTL_MS: String(HOLD_TTL_MS) });
  t = await createTestOrg(fake.url);
}, 240_000);
afterAll(async () => {
  await crashy.kill("SIGKILL");
  await gateway.close();
  await fake.close();
});

const post = (url: string, secret: string) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: BODY });

const errorCode = async (res: Response) => ((await res.json()) as { error?: { code: string } }).error?.code ?? null;

describe("holds of an instance killed mid-request", () => {
  it("stay while the requests live, past their first TTL, and free within one TTL of a SIGKILL", { timeout: 240_000 }, async () => {
    if (redis.kind !== "redis") throw new Error("this test reads the concurrency slots in Redis");
    const client = redis.client;
    // Two slots, and budget room for four worst cases: the third request is refused for concurrency
    // alone, and the two lost with the instance (counted at their reservation) leave room for two more.
    const { id, secret } = await t.key({ maxConcurrent: 2, budgets: [{ kind: "spend", period: "monthly", limit: WORST_USD * 4.5 }] });
    const slots = `${redis.prefix}{o:${t.org.id}}:cc:${id}`;
    await fetch(`${crashy.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });

    fake.hold();
    const inflight = [post(crashy.url, secret), post(crashy.url, secret)].map((p) => p.catch(() => null));
    await fake.waitForRequests(2);
    const firstExpiry = Math.max(...(await client.zrange(slots, 0, -1, "WITHSCORES")).filter((_, i) => i % 2 === 1).map(Number));

    // Past the expiry they were taken with: renewed, both still held by the live instance.
    await waitFor(async () => Date.now() > firstExpiry + 200, 60_000);
    // Admitted, it would wait at the held provider: seeing it arrive there is the failure.
    const reached = fake.waitForRequests(3, 120_000).then(
      () => "reached the provider" as const,
      () => new Promise<never>(() => {}),
    );
    const third = await Promise.race([post(gateway.url, secret), reached]);
    expect(third).not.toBe("reached the provider");
    const res = third as Response;
    expect({ status: res.status, code: await errorCode(res) }).toEqual({ status: 429, code: "concurrency_limit_exceeded" });
    expect(Number((await client.zrange(slots, 0, 0, "WITHSCORES"))[1])).toBeGreaterThan(firstExpiry);

    await crashy.kill("SIGKILL");
    const killedAt = Date.now();
    await Promise.all(inflight);
    fake.release();

    // Nothing renews them now: no slot is live once one TTL has passed since the last renewal.
    await waitFor(async () => (await client.zcount(slots, `(${Date.now()}`, "+inf")) === 0, 60_000);
    const freedMs = Date.now() - killedAt;
    expect(freedMs).toBeLessThanOrEqual(HOLD_TTL_MS + 30_000); // bounded wait, not a timing assert: generous

    // Both slots are free again, and the budget still has room: two requests reach the provider at once.
    fake.hold();
    const again = [post(gateway.url, secret), post(gateway.url, secret)];
    await fake.waitForRequests(4);
    fake.release();
    expect((await Promise.all(again)).map((r) => r.status)).toEqual([200, 200]);
    console.info(`crash holds: slots free ${freedMs} ms after SIGKILL (hold TTL ${HOLD_TTL_MS} ms)`);
  });
});
