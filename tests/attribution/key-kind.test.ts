// Key kinds: chosen at creation over the API, filterable, immutable, and stamped on every usage
// event the key's requests produce (also the refused ones).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { managementClient } from "@/tests/helpers/management-client";
import { createManagementToken } from "@/lib/management-tokens/create";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";

let fake: FakeProvider;
let app: TestGateway;
let t: TestOrg;
let api: ReturnType<typeof managementClient>;

beforeAll(async () => {
  fake = await startFakeProvider();
  app = await startAppServer();
  t = await createTestOrg(fake.url);
  const { secret } = await createManagementToken({ actor: { kind: "system", orgId: t.org.id }, input: { name: "kinds", scopes: ["admin"] } });
  api = managementClient(app.url, secret);
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

describe("key kind", () => {
  it("is set at creation, listed, filterable and recorded on usage events", async () => {
    const agent = await api.call("createKey", { body: { name: "triage bot", kind: "agent" } });
    expect(agent.status).toBe(201);
    expect(agent.body.kind).toBe("agent");
    const plain = await api.call("createKey", { body: { name: "laptop" } });
    expect(plain.body.kind).toBe("personal");

    const agents = await api.call("listKeys", { query: { kind: "agent" } });
    expect(agents.body.data.map((k: { id: string }) => k.id)).toEqual([agent.body.id]);
    expect((await api.call("createKey", { body: { name: "x", kind: "robot" } })).status).toBe(400);
    // Immutable: the update body does not know the field.
    expect((await api.call("updateKey", { params: { id: agent.body.id }, body: { kind: "ci" } })).status).toBe(400);

    const client = new OpenAI({ apiKey: agent.body.key, baseURL: `${app.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] });
    await expect(client.chat.completions.create({ model: "not-routed", messages: [{ role: "user", content: "hi" }] })).rejects.toThrow();
    await usageQueue.flush();
    const events = await db.usageEvent.findMany({ where: { keyId: agent.body.id }, select: { keyKind: true, outcome: true } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.keyKind === "agent")).toBe(true);
  });
});
