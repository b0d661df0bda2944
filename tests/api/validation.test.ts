// Input rules (a 400 that names the field), list filters and cursors, and Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { db } from "@/lib/db";

let app: TestGateway;
let t: ApiOrg;
let api: ReturnType<typeof managementClient>;

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
  api = managementClient(app.url, (await t.token(["admin"])).secret);
});
afterAll(() => app.close());

describe("validation", () => {
  it.each([
    [{ name: "" }, "name"],
    [{ name: "k", rpm_limit: "ten" }, "rpm_limit"],
    [{ name: "k", rpm_limit: 0 }, "rpm_limit"],
    [{ name: "k", rpm_limt: 5 }, "rpm_limt"],
    [{ name: "k", limits: [{ type: "spend", amount: -1 }] }, "limits[0].amount"],
    [{ name: "k", limits: [{ type: "spend", amount: 1, period: "daily" }], spend_limit_usd: 2, spend_reset_period: "daily" }, "limits"],
    [{ name: "k", spend_reset_period: "daily" }, "spend_reset_period"],
    [{ name: "k", allowed_ips: ["10.0.0.0/8", "not-an-ip"] }, "allowed_ips[1]"],
    [{ name: "k", expires_at: "tomorrow" }, "expires_at"],
    [{ name: "k", expires_at: "2001-01-01T00:00:00Z" }, "expires_at"],
    [{ name: "k", owner_email: "nobody@example.test" }, "owner_email"],
    [{ name: "k", team_id: "no-such-team" }, "team_id"],
  ])("rejects %j with param %s", async (body, param) => {
    const res = await api.call("createKey", { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error", param });
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("refuses a body over 1 MiB with 413, declared or chunked, before buffering it", async () => {
    const big = JSON.stringify({ name: "k", pad: "x".repeat(2_000_000) });
    const declared = await api.request("POST", "/v1/keys", { rawBody: big });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ type: "invalid_request_error", code: "request_too_large" });
    const token = (await t.token(["admin"])).secret;
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(50_000)));
        controller.close();
      },
    });
    // Node's fetch needs `duplex` for a streamed body; the DOM types lack it.
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    };
    const chunked = await fetch(`${app.url}/v1/keys`, init);
    expect(chunked.status).toBe(413);
  });

  it.each([
    ["an integer past 32 bits", { name: "k", rpm_limit: 2 ** 31 }],
    ["a NUL in a name", { name: "key\u0000name" }],
  ])("answers %s with a 400, not a 500", async (_, body) => {
    const res = await api.request("POST", "/v1/keys", { rawBody: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe("invalid_request_error");
  });

  it("rejects bad JSON, bad queries and incomplete providers", async () => {
    const bad = await api.request("POST", "/v1/keys", { rawBody: "{nope" });
    expect(bad.body.error).toMatchObject({ code: "invalid_json", param: null });
    expect((await api.call("listKeys", { query: { limit: "0" } })).body.error.param).toBe("limit");
    expect((await api.call("listKeys", { query: { status: "gone" } })).body.error.param).toBe("status");
    expect((await api.call("createProvider", { body: { type: "azure", name: "az", api_key: "k" } })).body.error.param).toBe("base_url");
    expect((await api.call("createProvider", { body: { type: "openai", name: "oa" } })).body.error.param).toBe("api_key");
    expect((await api.call("createProvider", { body: { type: "no-such-provider", name: "x" } })).body.error.param).toBe("type");
    expect((await api.call("updateProvider", { params: { id: "x" }, body: { type: "mock" } })).body.error.param).toBe("type");
  });
});

describe("lists", () => {
  it("filters by status, owner and team, and pages with cursors", async () => {
    const team = await db.team.create({ data: { orgId: t.org.id, slug: "platform", name: "Platform" } });
    const ids: string[] = [];
    for (const body of [{ name: "a", owner_email: t.developer.email }, { name: "b", team_id: team.id }, { name: "c" }, { name: "d" }])
      ids.push((await api.call("createKey", { body })).body.id);
    await api.call("revokeKey", { params: { id: ids[3]! } });

    const byOwner = await api.call("listKeys", { query: { owner_email: t.developer.email } });
    expect(byOwner.body.data.map((k: { id: string }) => k.id)).toEqual([ids[0]]);
    expect((await api.call("listKeys", { query: { team_id: team.id } })).body.data.map((k: { id: string }) => k.id)).toEqual([ids[1]]);
    expect((await api.call("listKeys", { query: { status: "revoked" } })).body.data.map((k: { id: string }) => k.id)).toEqual([ids[3]]);

    const first = await api.call("listKeys", { query: { limit: "3" } });
    expect(first.body).toMatchObject({ object: "list", has_more: true, next_cursor: ids[1] });
    expect(first.body.data.map((k: { id: string }) => k.id)).toEqual([ids[3], ids[2], ids[1]]);
    const second = await api.call("listKeys", { query: { limit: "3", after: first.body.next_cursor } });
    expect(second.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(second.body.data.map((k: { id: string }) => k.id)).toEqual([ids[0]]);
  });
});

describe("Idempotency-Key", () => {
  it("replays a create, with the same secret, and never stores that secret in clear", async () => {
    const headers = { "idempotency-key": "create-once-1" };
    const first = await api.call("createKey", { body: { name: "once" }, headers });
    const again = await api.call("createKey", { body: { name: "once" }, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await db.virtualKey.count({ where: { orgId: t.org.id, name: "once" } })).toBe(1);
    const record = await db.idempotencyRecord.findFirstOrThrow({ where: { orgId: t.org.id, key: "create-once-1" } });
    expect(JSON.stringify(record.response)).not.toContain(first.body.key);

    const reused = await api.call("createKey", { body: { name: "different" }, headers });
    expect(reused.body.error).toMatchObject({ code: "idempotency_key_reused", param: "Idempotency-Key" });
  });

  it("replays a rotation instead of rotating twice, and does not keep failures", async () => {
    const { body: key } = await api.call("createKey", { body: { name: "rotating" } });
    const headers = { "idempotency-key": "rotate-1" };
    const first = await api.call("rotateKey", { params: { id: key.id }, body: { grace_period_seconds: 60 }, headers });
    const again = await api.call("rotateKey", { params: { id: key.id }, body: { grace_period_seconds: 60 }, headers });
    expect(again.body.key).toBe(first.body.key);
    expect(await db.auditEvent.count({ where: { targetId: key.id, action: "key.rotated" } })).toBe(1);

    const failed = await api.call("createKey", { body: { name: "x", team_id: "missing" }, headers: { "idempotency-key": "fails" } });
    expect(failed.status).toBe(400);
    const retried = await api.call("createKey", { body: { name: "x", team_id: "missing" }, headers: { "idempotency-key": "fails" } });
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
  });
});
