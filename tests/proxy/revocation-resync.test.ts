// Revocation reaches other instances through one pub/sub message; a subscriber that was away when
// it was published must not keep serving the revoked key from its cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { SUBSCRIBER_NAME } from "@/lib/invalidation";
import { db } from "@/lib/db";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let admin: Redis;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  admin = new Redis(process.env.REDIS_URL!);
});
afterAll(async () => {
  admin.disconnect();
  await gateway.close();
  await fake.close();
});

const chat = (secret: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "x" }] }),
  });

async function subscriberIds(): Promise<string[]> {
  const list = (await admin.call("CLIENT", "LIST", "TYPE", "pubsub")) as string;
  return list
    .split("\n")
    .filter((line) => line.includes(` name=${SUBSCRIBER_NAME} `))
    .map((line) => /id=(\d+)/.exec(line)![1]!);
}

describe("a subscriber that reconnects", () => {
  it("drops its cached keys, so a revocation published while it was away applies at once", async () => {
    const key = await t.key();
    expect((await chat(key.secret)).status).toBe(200); // cached now, for LATCH_KEY_CACHE_TTL_MS (30 s)
    const [before] = await waitFor(async () => ((await subscriberIds()).length ? subscriberIds() : null));
    await admin.call("CLIENT", "KILL", "ID", before!);
    // Revoked while the subscriber is away: this instance never hears the message.
    await db.virtualKey.update({ where: { id: key.id }, data: { status: "revoked", revokedAt: new Date() } });
    await waitFor(async () => {
      const ids = await subscriberIds();
      return ids.length > 0 && !ids.includes(before!);
    }, 15_000);
    await waitFor(async () => (await chat(key.secret)).status === 403, 5_000); // key_revoked
  });
});
