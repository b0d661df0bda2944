// Request and token windows, concurrency, revocation and rotation, across two real instances.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
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
  it("is shared by both instances, with OpenAI's headers and Retry-After", async () => {
    const { secret } = await t.key({ rpmLimit: 5 });
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
    expect(((await last!.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "rate_limit_exceeded", message: expect.stringContaining("requests") });
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
    fake.configure({ latencyMs: 800 });
    const results = await Promise.all([post(gateway.url, secret), post(second.url, secret), new Promise<Response>((r) => setTimeout(() => r(post(gateway.url, secret)), 200))]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = results.find((r) => r.status === 429)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("concurrency_limit_exceeded");
    expect(refused.headers.get("retry-after")).toBe("1");
    fake.configure({ latencyMs: 0 });
    expect((await post(second.url, secret)).status).toBe(200);
  });
});

describe("revocation", () => {
  it("a key revoked through one instance is refused by the other within a second", async () => {
    const key = await t.key();
    expect((await post(second.url, key.secret)).status).toBe(200); // the other instance has it cached
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 1_000) {
      status = (await post(second.url, key.secret)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(403);
    expect(Date.now() - revokedAt).toBeLessThan(1_000);
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
    await new Promise((r) => setTimeout(r, 100));
    for (const url of [gateway.url, second.url]) {
      expect((await post(url, key.secret)).status).toBe(401);
      expect((await post(url, rotated.secret)).status).toBe(200);
    }
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: rotated.secret, maxRetries: 0 });
    await expect(client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 403, code: "model_not_allowed" });
  });

  it("with grace: both secrets work until the grace period ends; retries with one idempotency key rotate once", async () => {
    const key = await t.key();
    const input = { keyId: key.id, gracePeriodSeconds: 1, idempotencyKey: "rotate-1" };
    const [a, b] = [await rotateKey({ actor: t.adminActor, input }), await rotateKey({ actor: t.adminActor, input })];
    expect(b.secret).toBe(a.secret);
    expect((await post(gateway.url, key.secret)).status).toBe(200);
    expect((await post(second.url, a.secret)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    const old = await post(second.url, key.secret);
    expect(old.status).toBe(401);
    expect((await post(gateway.url, a.secret)).status).toBe(200);
  });

  it("a revoked key cannot be rotated back to life", async () => {
    const key = await t.key();
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    await expect(rotateKey({ actor: t.adminActor, input: { keyId: key.id } })).rejects.toMatchObject({ code: "key_revoked" });
  });
});
