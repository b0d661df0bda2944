// Provider faults: retries with backoff before the first byte, failover, a circuit breaker that
// stops hammering a failing credential, and clean mid-stream failures that are still metered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { publishInvalidation } from "@/lib/invalidation";
import { usageQueue } from "@/lib/usage/queue";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let secret: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const post = (model = "gpt-4o-mini", extra: Record<string, unknown> = {}) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }], ...extra }),
  });

describe("retries", () => {
  it("retries transient 5xx with backoff before answering", async () => {
    fake.configure({ failWith: { status: 503, body: { error: { message: "busy", type: "server_error" } }, times: 2 } });
    const res = await post();
    expect(res.status).toBe(200);
    expect(fake.requests).toHaveLength(3);
  });

  it("passes a provider 429 with a long Retry-After straight through", async () => {
    fake.configure({ failWith: { status: 429, body: { error: { message: "slow down", type: "rate_limit_error" } }, headers: { "retry-after": "30" } } });
    const res = await post();
    expect(res.status).toBe(429);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("circuit breaker", () => {
  it("stops sending to a failing credential while a healthy one serves the model", async () => {
    const healthy = await startFakeProvider({ replyText: "healthy" });
    try {
      const backup = await db.providerCredential.create({
        data: { orgId: t.org.id, name: "backup", provider: "openai", baseUrl: `${healthy.url}/v1`, encryptedSecret: encryptSecret("sk-backup") },
      });
      await db.modelRoute.createMany({
        data: [
          { orgId: t.org.id, publicName: "cb-model", credentialId: t.credentials.openai.id, upstreamModel: "gpt-4o-mini", priority: 0 },
          { orgId: t.org.id, publicName: "cb-model", credentialId: backup.id, upstreamModel: "gpt-4o-mini", priority: 1 },
        ],
      });
      await publishInvalidation({ kind: "org", orgId: t.org.id });
      fake.configure({ failWith: { status: 500, body: { error: { message: "down", type: "server_error" } } } });
      for (let i = 0; i < 12; i++) expect((await post("cb-model")).status).toBe(200);
      // The first few requests tried the failing credential first; once its circuit opened, none did.
      expect(fake.requests.length).toBeLessThanOrEqual(5);
      expect(healthy.requests).toHaveLength(12);
    } finally {
      await healthy.close();
    }
  });
});

describe("mid-stream failure", () => {
  it("ends the stream with an error event and meters what was delivered", async () => {
    const key = await t.key({ name: "midstream" });
    fake.configure({ dropConnection: "mid-stream", chunks: 6 });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", stream: true, messages: [{ role: "user", content: "x" }] }),
    });
    const text = await res.text();
    expect(text).toMatch(/"error":\{[^}]*"code":"upstream_stream_error"/);
    await usageQueue.flush();
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { keyId: key.id } }));
    expect(event).toMatchObject({ outcome: "provider_error", errorCode: "upstream_stream_error" });
    expect(event.outputTokens).toBeGreaterThan(0);
  });
});
