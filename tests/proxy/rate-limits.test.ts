// Request and token windows, concurrency, revocation and rotation, across two real instances.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";

let fake: FakeProvider;
let gateway: TestGateway;
let second: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  second = await startGatewayProcess();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await second.kill();
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 50, messages: [{ role: "user", content: "x" }] });
const post = (url: string, secret: string, body = BODY) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body });

describe("requests per minute", () => {
  it("is shared by both instances, with OpenAI's headers and Retry-After", { timeout: 120_000 }, async () => {
    const { secret } = await t.key({ rpmLimit: 5 });
    // The window slides: requests of the previous minute count in part. All six must fall in one
    // minute, so start in a fresh one when less than 30 s (ample for six requests) is left of this one.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 30_000) await new Promise((r) => setTimeout(r, toNextMinute + 100));
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 8; i++) {
      last = await post(i % 2 ? second.url : gateway.url, secret);
      statuses.push(last.status);
      if (i === 0) {
        expect(last.headers.get("x-ratelimit-limit-requests")).toBe("5");
        expect(last.headers.get("x-ratelimit-remaining-requests")).toBe("4");
        expect(last.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(m\d+)?s$/);
      }
      if (last.status !== 200) break;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last!.headers.get("x-should-retry")).toBeNull();
    expect(((await last!.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "rate_limit_exceeded",
      message: expect.stringContaining("requests"),
    });
    expect(fake.requests).toHaveLength(5);
  });
});

describe("tokens per minute", () => {
  it("counts the worst case of each request and says it was tokens", async () => {
    const { secret } = await t.key({ tpmLimit: 200 }); // each request: ~50 input (bytes/2) + 50 output
    const first = await post(gateway.url, secret);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("200");
    const statuses = [first.status];
    for (let i = 0; i < 3; i++) statuses.push((await post(second.url, secret)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await post(gateway.url, secret);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("tokens");
  });
});

describe("concurrency", () => {
  it("refuses requests beyond the in-flight maximum and frees the slot afterwards", async () => {
    const { secret } = await t.key({ maxConcurrent: 2 });
    // Both first requests are held at the provider, so the third surely finds two in flight.
    fake.hold();
    const inFlight = [post(gateway.url, secret), post(second.url, secret)];
    await fake.waitForRequests(2);
    const refused = await post(gateway.url, secret);
    fake.release();
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("concurrency_limit_exceeded");
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200]);
    expect((await post(second.url, secret)).status).toBe(200);
  });
});

// The other instance caches a key for LATCH_KEY_CACHE_TTL_MS (30 s): being refused well before
// that shows the change reached it through invalidation, however long the machine takes.
const BEFORE_CACHE_EXPIRY_MS = 15_000;

describe("revocation", () => {
  it("a key revoked through one instance is refused by the other long before its cache expires", async () => {
    const key = await t.key();
    expect((await post(second.url, key.secret)).status).toBe(200); // the other instance has it cached
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    await waitFor(async () => (await post(second.url, key.secret)).status === 403, BEFORE_CACHE_EXPIRY_MS);
    const body = (await (await post(second.url, key.secret)).json()) as { error: { code: string } };
    expect(body.error.code).toBe("key_revoked");
  });
});

describe("rotation", () => {
  it("without grace: the old secret stops at once, the new one works, policy and id are kept", async () => {
    const key = await t.key({ allowedModels: ["gpt-4o*"] });
    expect((await post(second.url, key.secret)).status).toBe(200);
    const rotated = await rotateKey({ actor: t.adminActor, input: { keyId: key.id } });
    expect(rotated.id).toBe(key.id);
    expect(rotated.secret).not.toBe(key.secret);
    for (const url of [gateway.url, second.url]) {
      await waitFor(async () => (await post(url, key.secret)).status === 401, BEFORE_CACHE_EXPIRY_MS);
      expect((await post(url, rotated.secret)).status).toBe(200);
    }
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: rotated.secret, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 403,
      code: "model_not_allowed",
    });
  });

  it("with grace: both secrets work until the grace period ends; retries with one idempotency key rotate once", async () => {
    const key = await t.key();
    // A grace period no loaded machine outlasts; its end is reached by moving this process's
    // clock (the in-process gateway compares it with the key's grace end), not by waiting.
    const GRACE_SECONDS = 600;
    const input = { keyId: key.id, gracePeriodSeconds: GRACE_SECONDS, idempotencyKey: "rotate-1" };
    const [a, b] = [await rotateKey({ actor: t.adminActor, input }), await rotateKey({ actor: t.adminActor, input })];
    expect(b.secret).toBe(a.secret);
    expect((await post(gateway.url, key.secret)).status).toBe(200);
    expect((await post(second.url, key.secret)).status).toBe(200);
    expect((await post(second.url, a.secret)).status).toBe(200);
    vi.setSystemTime(Date.now() + GRACE_SECONDS * 1000 + 1_000);
    try {
      expect((await post(gateway.url, key.secret)).status).toBe(401);
      expect((await post(gateway.url, a.secret)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a revoked key cannot be rotated back to life", async () => {
    const key = await t.key();
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    await expect(rotateKey({ actor: t.adminActor, input: { keyId: key.id } })).rejects.toMatchObject({ code: "key_revoked" });
  });
});
