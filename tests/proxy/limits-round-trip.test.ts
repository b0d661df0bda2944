// Every check before forwarding is one atomic ledger call: one Redis command per request (rate
// windows, concurrency and budget reservation in one script), and a refused request consumes
// nothing. Watched with MONITOR on a private redis-server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { startRedisProcess, type RedisProcess } from "@/tests/helpers/redis-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { startMonitor } from "@/tests/helpers/redis-monitor";

let fake: FakeProvider;
let redisServer: RedisProcess;
let gateway: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  redisServer = await startRedisProcess();
  gateway = await startGatewayProcess({ REDIS_URL: redisServer.url });
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.kill();
  await redisServer.stop();
  await fake.close();
});

const post = (secret: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", max_tokens: 20, messages: [{ role: "user", content: "hi" }] }),
  });

// The usage stream's consumer polls in the background; it is not part of a request's path.
const BACKGROUND = new Set([
  "xreadgroup",
  "xautoclaim",
  "xack",
  "xdel",
  "xlen",
  "xgroup",
  "multi",
  "exec",
  "ping",
  "info",
  "subscribe",
  "psubscribe",
  "client",
  "select",
]);

describe("the limit check", () => {
  it("is one Redis command before the provider is called, with windows, concurrency and a budget on", async () => {
    const { secret } = await t.key({ rpmLimit: 100, tpmLimit: 100_000, maxConcurrent: 5, budgets: [{ kind: "spend", period: "monthly", limit: 50 }] });
    expect((await post(secret)).status).toBe(200); // warm: key cached, scripts loaded, budget base set

    const marker = new Redis(redisServer.url);
    // The warm-up settles in the background: its command must not be counted as this request's.
    await waitFor(async () => {
      const slots = await marker.keys("*:cc:*");
      return (await Promise.all(slots.map((k) => marker.zcard(k)))).every((n) => n === 0);
    }, 30_000);
    const seen: string[] = [];
    const feed = await startMonitor(redisServer.url);
    feed.on("monitor", (_time: string, args: string[], source: string) => {
      if (source !== "lua" && !BACKGROUND.has(String(args[0]).toLowerCase())) seen.push(String(args[0]).toLowerCase());
    });
    try {
      // Held at the provider, the request has made every check it makes before forwarding and
      // nothing after. MONITOR reports commands in execution order, so once it shows a marker sent
      // now, it has shown every command the gateway sent before it.
      const before = fake.requests.length;
      fake.hold();
      const pending = post(secret);
      await fake.waitForRequests(before + 1);
      await marker.echo("latch-marker");
      await waitFor(async () => seen.includes("echo"), 30_000);
      const beforeForwarding = seen.slice(0, seen.indexOf("echo"));
      fake.release();
      const response = await pending;
      expect(response.status).toBe(200);
      // 98, or 99 when a minute boundary passed since the warm-up (the previous minute is weighted down).
      expect(response.headers.get("x-ratelimit-remaining-requests")).toMatch(/^9[89]$/);
      expect(beforeForwarding).toEqual(["evalsha"]);
    } finally {
      fake.release();
      feed.disconnect();
      feed.disconnect();
      marker.disconnect();
    }
  });

  it("consumes nothing when it refuses: a request refused for concurrency leaves the request window alone", async () => {
    const { secret } = await t.key({ rpmLimit: 2, maxConcurrent: 1 });
    const before = fake.requests.length;
    fake.hold(); // the first request stays in flight until the second has been refused
    try {
      const slow = post(secret);
      await fake.waitForRequests(before + 1);
      const refused = await post(secret);
      fake.release();
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("concurrency_limit_exceeded");
      expect((await slow).status).toBe(200);
    } finally {
      fake.release();
    }
    // Two requests allowed per minute: the refused one did not count.
    const second = await post(secret);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect((await post(secret)).status).toBe(429);
  });
});
