// Each policy field allows and blocks as specified, and blocked requests never reach the provider.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { publishInvalidation } from "@/lib/invalidation";

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

async function call(secret: string, body: Record<string, unknown>, path = "/v1/chat/completions", headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { error?: { code: string; param: string | null } } };
}
const chat = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: "user", content: "x" }], ...extra });

describe("models and providers", () => {
  it("allowed model globs let matching models through and block others", async () => {
    const { secret } = await t.key({ allowedModels: ["gpt-4o*"] });
    expect((await call(secret, chat("gpt-4o-mini"))).status).toBe(200);
    const blocked = await call(secret, chat("claude-haiku"));
    expect(blocked.status).toBe(403);
    expect(blocked.json.error?.code).toBe("model_not_allowed");
    expect(fake.requests).toHaveLength(1);
  });

  it("deny wins over allow, also through an alias and the explicit provider/model form", async () => {
    const { secret } = await t.key({ allowedModels: ["*"], deniedModels: ["claude-*"] });
    for (const model of ["claude-haiku", "haiku", "anthropic/claude-3-5-haiku-latest"]) {
      const res = await call(secret, { model, max_tokens: 10, messages: [{ role: "user", content: "x" }] }, "/v1/messages");
      expect(res.status, model).toBe(403);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("allowed providers", async () => {
    const { secret } = await t.key({ allowedProviders: ["openai"] });
    expect((await call(secret, chat("gpt-4o-mini"))).status).toBe(200);
    const res = await call(secret, chat("echo"));
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe("provider_not_allowed");
  });

  it("the org's allowed models bound every key", async () => {
    const other = await createTestOrg(fake.url);
    await db.organization.update({ where: { id: other.org.id }, data: { allowedModels: ["echo"] } });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    const { secret } = await other.key();
    expect((await call(secret, chat("echo"))).status).toBe(200);
    expect((await call(secret, chat("gpt-4o-mini"))).json.error?.code).toBe("model_not_allowed");
  });
});

describe("client IP allowlist", () => {
  it("allows listed addresses and ranges, IPv4 and IPv6", async () => {
    for (const rules of [["127.0.0.1"], ["127.0.0.0/8"], ["::1", "127.0.0.1/32"], ["10.0.0.0/8", "127.0.0.0/24"]]) {
      const { secret } = await t.key({ allowedIps: rules });
      expect((await call(secret, chat("echo"))).status, rules.join()).toBe(200);
    }
  });

  it("blocks other addresses, and a spoofed X-Forwarded-For does not help", async () => {
    const { secret } = await t.key({ allowedIps: ["10.0.0.0/8", "2001:db8::/32"] });
    const res = await call(secret, chat("gpt-4o-mini"), "/v1/chat/completions", { "x-forwarded-for": "10.1.2.3" });
    expect(res.status).toBe(403);
    expect(res.json.error?.code).toBe("ip_not_allowed");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("per-request caps", () => {
  it("refuses max_tokens above the key's maximum and caps requests that set none", async () => {
    const { secret } = await t.key({ maxOutputTokens: 50 });
    const res = await call(secret, chat("gpt-4o-mini", { max_tokens: 500 }));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "request_too_expensive", param: "max_tokens" });
    expect(fake.requests).toHaveLength(0);
    expect((await call(secret, chat("gpt-4o-mini"))).status).toBe(200);
    expect((fake.requests[0]!.json as { max_completion_tokens: number }).max_completion_tokens).toBe(50);
  });

  it("refuses a request whose worst-case cost is over the per-request cap", async () => {
    const { secret } = await t.key({ maxRequestCostUsd: 0.001 });
    // gpt-4o-mini output is $0.60 / 1M: 1,000 tokens fit, 1,000,000 do not.
    expect((await call(secret, chat("gpt-4o-mini", { max_tokens: 1_000 }))).status).toBe(200);
    const res = await call(secret, chat("gpt-4o-mini", { max_tokens: 1_000_000 }));
    expect(res.status).toBe(400);
    expect(res.json.error?.code).toBe("request_too_expensive");
  });

  it("an unpriced model is not free: refused unless the org allows unpriced models", async () => {
    const other = await createTestOrg(fake.url);
    await db.modelRoute.create({
      data: { orgId: other.org.id, publicName: "mystery", credentialId: other.credentials.openai.id, upstreamModel: "mystery-model" },
    });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    const capped = await other.key({ budgets: [{ kind: "spend", period: "monthly", limit: 5 }] });
    const uncapped = await other.key();
    for (const key of [capped, uncapped]) {
      const res = await call(key.secret, chat("mystery"));
      expect(res.status).toBe(403);
      expect(res.json.error?.code).toBe("model_unpriced");
    }
    expect(fake.requests).toHaveLength(0);
    await db.organization.update({ where: { id: other.org.id }, data: { allowUnpricedModels: true } });
    await publishInvalidation({ kind: "org", orgId: other.org.id });
    expect((await call(uncapped.secret, chat("mystery"))).status).toBe(200);
    expect((await call(capped.secret, chat("mystery"))).status).toBe(200); // spend caps cannot apply to it
  });
});
