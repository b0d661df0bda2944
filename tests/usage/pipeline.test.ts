// No usage record lost: one event per request of every kind, idempotent writes, and survival of
// SIGKILL (Redis stream), SIGTERM (both modes) and a Postgres outage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess } from "@/tests/helpers/gateway-process";
import { startTcpProxy } from "@/tests/helpers/tcp-proxy";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { writeUsageBatch } from "@/lib/usage/writer";
import type { UsageEvent } from "@/lib/usage/event";

const PG_OUTAGE_MS = Number(process.env.CHAOS_PG_OUTAGE_MS ?? 30_000);
// Tests that start a gateway process: its start-up alone can take tens of seconds on a loaded
// machine. Waits inside are bounds for a broken pipeline, not a pace the test depends on.
const PROCESS_TEST_TIMEOUT_MS = 240_000;
const SETTLE_MS = 60_000;

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const chat = JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] });
const post = (url: string, secret: string, body = chat) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body });

async function eventsOf(keyId: string) {
  await usageQueue.flush();
  return db.usageEvent.findMany({ where: { keyId }, orderBy: { createdAt: "asc" } });
}

describe("one event per request", () => {
  it("records success, provider error, policy rejection and client abort with their reasons", { timeout: 90_000 }, async () => {
    const key = await t.key({ deniedModels: ["claude-*"] });
    await post(gateway.url, key.secret);
    fake.configure({ failWith: { status: 500, body: { error: { message: "boom", type: "server_error" } }, times: 3 } }); // outlasts the retries
    await post(gateway.url, key.secret);
    await post(gateway.url, key.secret, JSON.stringify({ model: "claude-haiku", messages: [{ role: "user", content: "x" }] }));
    fake.configure({ chunks: 5, pauseStreamAfter: 1 }); // the abort lands mid-stream on any machine
    const controller = new AbortController();
    const res = await post(gateway.url, key.secret, JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "x" }] }));
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    controller.abort();

    const events = await waitFor(async () => {
      const e = await eventsOf(key.id);
      return e.length === 4 && e;
    }, SETTLE_MS);
    expect(events.map((e) => [e.outcome, e.status, e.errorCode]).sort()).toEqual([
      ["aborted", 200, "client_closed"],
      ["provider_error", 500, "upstream_error"],
      ["rejected", 403, "model_not_allowed"],
      ["success", 200, null],
    ]);
    const by = (outcome: string) => events.find((e) => e.outcome === outcome)!;
    expect(by("success")).toMatchObject({ inputTokens: 10, outputTokens: 5, provider: "openai", model: "gpt-4o-mini" });
    expect(by("rejected")).toMatchObject({ inputTokens: 0, outputTokens: 0 });
    const aborted = by("aborted"); // never free, even if it ended before any text
    expect(aborted.inputTokens + aborted.outputTokens).toBeGreaterThan(0);
    expect(events.every((e) => e.clientIp === "127.0.0.1" && e.userId === t.developer.id)).toBe(true);
  });
});

describe("idempotent writes", () => {
  it("a replayed batch neither duplicates events nor double counts rollups", async () => {
    const event: UsageEvent = {
      id: `req_${randomUUID()}`,
      orgId: t.org.id,
      keyId: null,
      userId: null,
      teamId: null,
      provider: "openai",
      model: "replay",
      endpoint: "chat.completions",
      inputTokens: 7,
      outputTokens: 3,
      cachedInputTokens: 0,
      costUsd: 0.5,
      priced: true,
      status: 200,
      outcome: "success",
      errorCode: null,
      stream: false,
      latencyMs: 12,
      ttftMs: null,
      clientIp: null,
      userAgent: null,
      createdAt: new Date(),
    };
    await writeUsageBatch([event]);
    await writeUsageBatch([event, { ...event, id: `req_${randomUUID()}` }]);
    expect(await db.usageEvent.count({ where: { orgId: t.org.id, model: "replay" } })).toBe(2);
    const rollup = await db.usageRollup.findMany({ where: { orgId: t.org.id, model: "replay" } });
    expect(rollup).toHaveLength(1);
    expect(rollup[0]).toMatchObject({ requests: 2, inputTokens: 14n, outputTokens: 6n });
    expect(Number(rollup[0]!.costUsd)).toBe(1);
  });
});

describe("crashes and shutdowns", () => {
  it("Redis mode: events accepted by an instance killed with SIGKILL still reach Postgres", { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const key = await t.key();
    // The victim never writes to Postgres itself (its database is unreachable), so every
    // event it accepted can only arrive through the stream.
    const deadDb = await startTcpProxy(5432);
    const victim = await startGatewayProcess({ DATABASE_URL: process.env.DATABASE_URL!.replace(":5432/", `:${deadDb.port}/`) });
    await fetch(`${victim.url}/v1/models`, { headers: { authorization: `Bearer ${key.secret}` } });
    deadDb.cut();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(victim.url, key.secret).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Accepted = handed to the stream; wait for that (not for Postgres, which the victim cannot reach).
    const { redis } = await import("@/lib/redis");
    if (redis.kind !== "redis") throw new Error("this test needs REDIS_URL");
    // (This process also consumes the stream, so count what it already wrote plus what is still queued.)
    await waitFor(
      async () => (await db.usageEvent.count({ where: { keyId: key.id } })) + Number(await redis.client.xlen(`${redis.prefix}usage`)) >= 20,
      SETTLE_MS,
    );
    await victim.kill("SIGKILL");
    await deadDb.close();
    const events = await waitFor(async () => {
      const e = await eventsOf(key.id);
      return e.length >= 20 && e;
    }, SETTLE_MS);
    expect(events).toHaveLength(20);
  });

  it("embedded mode: SIGTERM drains the in-process queue before exit", { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    const key = await t.key();
    const child = await startGatewayProcess({ REDIS_URL: "" });
    const statuses = await Promise.all(Array.from({ length: 15 }, () => post(child.url, key.secret).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await child.kill("SIGTERM");
    expect(await db.usageEvent.count({ where: { keyId: key.id } })).toBe(15);
  });

  it("Postgres unreachable for a while: requests keep being served, then every event is written once", {
    timeout: PG_OUTAGE_MS + PROCESS_TEST_TIMEOUT_MS,
  }, async () => {
    const key = await t.key();
    const pgProxy = await startTcpProxy(5432);
    // A 1 s cache freshness: the outage below outlasts it, so keys and the org must be served stale.
    const child = await startGatewayProcess({
      REDIS_URL: "",
      LATCH_KEY_CACHE_TTL_MS: "1000",
      DATABASE_URL: process.env.DATABASE_URL!.replace(":5432/", `:${pgProxy.port}/`),
    });
    try {
      expect((await post(child.url, key.secret)).status).toBe(200); // warm: key and org cached
      await waitFor(async () => (await db.usageEvent.count({ where: { keyId: key.id } })) === 1, SETTLE_MS);
      pgProxy.cut();
      const until = Date.now() + PG_OUTAGE_MS; // far past the cache's freshness
      let served = 0;
      while (Date.now() < until) {
        expect((await post(child.url, key.secret)).status).toBe(200);
        served++;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await db.usageEvent.count({ where: { keyId: key.id } })).toBe(1);
      pgProxy.restore();
      await waitFor(async () => (await db.usageEvent.count({ where: { keyId: key.id } })) === served + 1, SETTLE_MS);
      await new Promise((r) => setTimeout(r, 2_500));
      expect(await db.usageEvent.count({ where: { keyId: key.id } })).toBe(served + 1);
      console.info(
        `Postgres down ${PG_OUTAGE_MS / 1000} s: ${served} requests served from the cache, ${served} usage events written afterwards, 0 lost, 0 duplicated`,
      );
    } finally {
      await child.kill();
      await pgProxy.close();
    }
  });
});
