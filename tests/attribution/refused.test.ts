// Refused at the door: known keys that may not be used (revoked, expired) become usage events of
// their org with the model asked for, IP and user agent, and one alert per key and hour; unknown,
// missing and malformed keys are only counted by their first characters, never stored whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { revokeKey } from "@/lib/keys/revoke";
import { refusedKeyUse } from "@/lib/usage/refused-keys";
import { flushRefusedAttempts } from "@/lib/gateway/refused-attempts";
import { usageQueue } from "@/lib/usage/queue";
import { redis } from "@/lib/redis";
import { db } from "@/lib/db";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
const chat = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };
const client = (apiKey: string) => new OpenAI({ apiKey, baseURL: `${gateway.url}/v1`, maxRetries: 0, defaultHeaders: { "user-agent": "revoked-caller/1.0" } });

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

describe("refused at the door", () => {
  it("a revoked key's calls are counted for its org, with the model asked for, IP and user agent", async () => {
    const key = await t.key({ name: "old laptop" });
    await client(key.secret).chat.completions.create(chat);
    await revokeKey({ actor: t.adminActor, keyId: key.id });
    for (let i = 0; i < 3; i++) await expect(client(key.secret).chat.completions.create(chat)).rejects.toMatchObject({ status: 403, code: "key_revoked" });
    const expired = await t.key({ name: "expired" });
    await db.virtualKey.update({ where: { id: expired.id }, data: { status: "expired" } });
    await expect(client(expired.secret).embeddings.create({ model: "text-embedding-3-small", input: "x" })).rejects.toMatchObject({
      status: 401,
      code: "key_expired",
    });
    await usageQueue.flush();

    const events = await db.usageEvent.findMany({ where: { keyId: key.id, outcome: "rejected" } });
    expect(events).toHaveLength(3);
    expect(
      events.every(
        (e) =>
          e.errorCode === "key_revoked" &&
          e.model === "gpt-4o-mini" &&
          e.clientIp === "127.0.0.1" &&
          e.userAgent === "revoked-caller/1.0" &&
          e.orgId === t.org.id,
      ),
    ).toBe(true);

    const view = await refusedKeyUse({ actor: t.adminActor, range: { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 3_600_000) } });
    expect(view.keys.map((k) => [k.keyId, k.code, k.requests, k.models])).toEqual(
      expect.arrayContaining([
        [key.id, "key_revoked", 3, ["gpt-4o-mini"]],
        [expired.id, "key_expired", 1, ["text-embedding-3-small"]],
      ]),
    );
    expect(view.keys.find((k) => k.keyId === key.id)).toMatchObject({
      label: expect.stringContaining("old laptop"),
      lastIp: "127.0.0.1",
      lastUserAgent: "revoked-caller/1.0",
    });
    expect(view.series.reduce((s, p) => s + p.requests, 0)).toBe(4);

    // One alert per key and hour, shared by every instance.
    if (redis.kind === "redis") expect(await redis.client.keys(`${redis.prefix}refused-alert:${key.id}:*`)).toHaveLength(1);
  });

  it("unknown, missing and malformed keys are counted by their first characters only", async () => {
    const secret = "sk-latch-UnknownSecretBodyThatMustNeverBeStored1234";
    for (let i = 0; i < 5; i++) await expect(client(secret).chat.completions.create(chat)).rejects.toMatchObject({ status: 401 });
    await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chat) });
    await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Basic c2VjcmV0LXNlY3JldA==", "content-type": "application/json" },
      body: JSON.stringify(chat),
    });
    await flushRefusedAttempts();
    await usageQueue.flush();

    const rows = await db.refusedAttempt.findMany({ where: { lastSeenAt: { gte: new Date(Date.now() - 600_000) } } });
    expect(rows.find((r) => r.reason === "unknown" && r.prefix === "sk-lat")?.count).toBeGreaterThanOrEqual(5);
    expect(rows.find((r) => r.reason === "missing")?.count).toBeGreaterThanOrEqual(1);
    expect(rows.find((r) => r.reason === "malformed")?.count).toBeGreaterThanOrEqual(1);
    const everything = JSON.stringify([rows, await db.usageEvent.findMany({}), await db.auditEvent.findMany({})]);
    expect(everything).not.toContain("UnknownSecret");
    expect(everything).not.toContain("c2VjcmV0");
    expect(fake.requests.filter((r) => r.headers.authorization?.includes("Unknown"))).toHaveLength(0);
  });
});
