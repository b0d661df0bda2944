// Usage totals and the audit log over the management API, behind usage:read and admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { usageQueue } from "@/lib/usage/queue";

let app: TestGateway;
let t: ApiOrg;
let admin: ReturnType<typeof managementClient>;

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
  admin = managementClient(app.url, (await t.token(["admin"])).secret);
});
afterAll(() => app.close());

describe("GET /v1/usage", () => {
  it("totals this month's usage and breaks it down, for usage:read tokens only", async () => {
    await admin.call("createProvider", { body: { type: "mock", name: "Echo", models: ["echo"] } });
    await admin.call("createPrice", { body: { provider: "mock", model: "echo", input_usd_per_million: 1, output_usd_per_million: 1 } });
    const { body: key } = await admin.call("createKey", { body: { name: "reporting" } });
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: key.key, maxRetries: 0 });
    for (let i = 0; i < 2; i++) await client.chat.completions.create({ model: "echo", messages: [{ role: "user", content: "hello" }] });
    await usageQueue.flush();

    const reader = managementClient(app.url, (await t.token(["usage:read"])).secret);
    const usage = await reader.call("getUsage", { query: { group_by: "key" } });
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ object: "usage", group_by: "key", total: { requests: 2, rejected: 0 } });
    expect(usage.body.total.cost_usd).toBeGreaterThan(0);
    expect(usage.body.data).toEqual([expect.objectContaining({ group: key.id, requests: 2 })]);

    const past = await reader.call("getUsage", { query: { start: "2020-01-01T00:00:00Z", end: "2020-02-01T00:00:00Z" } });
    expect(past.body).toMatchObject({ total: { requests: 0 }, data: [], group_by: null });
    expect((await reader.call("listKeys")).status).toBe(403);
    const keysReader = managementClient(app.url, (await t.token(["keys:read"])).secret);
    expect((await keysReader.call("getUsage")).status).toBe(403);
  });
});

describe("GET /v1/audit-events", () => {
  it("lists the org's writes, newest first, with the caller's IP", async () => {
    const { body: key } = await admin.call("createKey", { body: { name: "audited" } });
    await admin.call("updateKey", { params: { id: key.id }, body: { rpm_limit: 5 } });
    await admin.call("revokeKey", { params: { id: key.id } });

    const events = await admin.call("listAuditEvents", { query: { target_id: key.id } });
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(["key.revoked", "key.updated", "key.created"]);
    expect(events.body.data[0]).toMatchObject({ actor_type: "token", target_type: "key", ip: "127.0.0.1" });
    const paged = await admin.call("listAuditEvents", { query: { action: "key.", limit: "1" } });
    expect(paged.body).toMatchObject({ has_more: true });
    const next = await admin.call("listAuditEvents", { query: { action: "key.", limit: "1", after: paged.body.next_cursor } });
    expect(next.body.data[0].id).not.toBe(paged.body.data[0].id);

    const writer = managementClient(app.url, (await t.token(["keys:write", "usage:read"])).secret);
    expect((await writer.call("listAuditEvents")).status).toBe(403);
  });
});
