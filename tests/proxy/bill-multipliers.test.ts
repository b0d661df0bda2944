// Everything that multiplies a bill is in the reservation (several completions, images, priced
// built-in tools) or, when nothing bounds it before the answer, refused on keys with a cap; and
// a provider billing past the reservation never carries a cap counter past it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { publishInvalidation } from "@/lib/invalidation";
import { hashSecret } from "@/lib/security/tokens";
import { getKeyByHash } from "@/lib/gateway/key-cache";
import { budgetCounter } from "@/lib/policy/budget-counters";
import { usdToNano } from "@/lib/policy/budget-rules";
import { limitBackends } from "@/lib/policy/limit-state";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { metrics } from "@/lib/metrics";
import { redis } from "@/lib/redis";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  // Reserve admission: the full worst case fits or the request is refused (no clamping to hide it).
  await db.organization.update({ where: { id: t.org.id }, data: { clampMaxTokens: false } });
  await publishInvalidation({ kind: "org", orgId: t.org.id });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

async function post(secret: string, path: string, body: Record<string, unknown>) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", "anthropic-version": "2023-06-01" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error?: { code: string; param?: string | null } };
  return { status: res.status, code: json.error?.code ?? null, param: json.error?.param ?? null };
}

const chat = (extra: Record<string, unknown> = {}) => ({ model: "gpt-4o-mini", max_tokens: 1_000, messages: [{ role: "user", content: "hi" }], ...extra });
// gpt-4o-mini: $0.15 / $0.60 per 1M; the worst case of chat() with n completions.
const worstUsd = (body: Record<string, unknown>, n: number) => (worstCaseInputTokens(Buffer.byteLength(JSON.stringify(body))) * 0.15 + 1_000 * n * 0.6) / 1e6;

describe("multipliers in the reservation", () => {
  it("n: four completions reserve four outputs against a spend cap", async () => {
    const cap = worstUsd(chat({ n: 4 }), 1) * 2;
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: cap }] });
    expect(await post(secret, "/v1/chat/completions", chat({ n: 4 }))).toMatchObject({ status: 429, code: "budget_exceeded" });
    expect(fake.requests).toHaveLength(0);
    expect(await post(secret, "/v1/chat/completions", chat({ n: 1 }))).toMatchObject({ status: 200 });
  });

  it("best_of on /v1/completions counts like n", async () => {
    const body = { model: "gpt-4o-mini", prompt: "hi", max_tokens: 1_000 };
    const { secret } = await t.key({ maxRequestCostUsd: 0.002 }); // one output of 1,000 is $0.0006
    expect(await post(secret, "/v1/completions", { ...body, best_of: 5 })).toMatchObject({ status: 400, code: "request_too_expensive" });
    expect(await post(secret, "/v1/completions", { ...body, n: 2 })).toMatchObject({ status: 200 });
  });

  it("an image counts at the most it can cost, inline or by URL", async () => {
    const { secret } = await t.key({ maxRequestCostUsd: 0.005 }); // 48,200 image tokens × $0.15/1M = $0.00723
    const image = { type: "image_url", image_url: { url: "https://example.test/cat.png" } };
    const withImage = chat({ max_tokens: 10, messages: [{ role: "user", content: [{ type: "text", text: "what is this?" }, image] }] });
    expect(await post(secret, "/v1/chat/completions", withImage)).toMatchObject({ status: 400, code: "request_too_expensive" });
    expect(await post(secret, "/v1/chat/completions", chat({ max_tokens: 10 }))).toMatchObject({ status: 200 });
    // Claude bills an image at most ~4,800 tokens: 4,800 × $1.60 (1-hour write) per 1M = $0.0077, over a $0.005 cap.
    const claude = (images: number) => ({
      model: "claude-haiku",
      max_tokens: 10,
      messages: [
        { role: "user", content: Array.from({ length: images }, () => ({ type: "image", source: { type: "url", url: "https://example.test/cat.png" } })) },
      ],
    });
    expect(await post(secret, "/v1/messages", claude(1))).toMatchObject({ status: 400, code: "request_too_expensive" });
    const roomy = await t.key({ maxRequestCostUsd: 0.01 });
    expect(await post(roomy.secret, "/v1/messages", claude(1))).toMatchObject({ status: 200 });
    expect(await post(roomy.secret, "/v1/messages", claude(2))).toMatchObject({ status: 400, code: "request_too_expensive" });
  });

  it("web search is reserved per allowed call; without a bound, the default is reserved and sent", async () => {
    const { secret } = await t.key({ maxRequestCostUsd: 0.025 }); // $10 per 1,000 searches
    const claude = { model: "claude-haiku", max_tokens: 10, messages: [{ role: "user", content: "news?" }] };
    const search = (maxUses?: number) => ({ type: "web_search_20250305", name: "web_search", ...(maxUses ? { max_uses: maxUses } : {}) });
    expect(await post(secret, "/v1/messages", { ...claude, tools: [search(5)] })).toMatchObject({ status: 400, code: "request_too_expensive" });
    // Unbounded: 10 searches reserved ($0.10), over this cap.
    expect(await post(secret, "/v1/messages", { ...claude, tools: [search()] })).toMatchObject({ status: 400, code: "request_too_expensive" });
    expect(await post(secret, "/v1/messages", { ...claude, tools: [search(1)] })).toMatchObject({ status: 200 });
    const responses = { model: "gpt-4o-mini", input: "news?", max_output_tokens: 16, tools: [{ type: "web_search" }] };
    expect(await post(secret, "/v1/responses", responses)).toMatchObject({ status: 400, code: "request_too_expensive" });
    expect(await post(secret, "/v1/responses", { ...responses, max_tool_calls: 3 })).toMatchObject({ status: 400, code: "request_too_expensive" });
    expect(await post(secret, "/v1/responses", { ...responses, max_tool_calls: 2 })).toMatchObject({ status: 200 });

    const roomy = await t.key({ maxRequestCostUsd: 0.2 });
    fake.reset();
    expect(await post(roomy.secret, "/v1/messages", { ...claude, tools: [search()] })).toMatchObject({ status: 200 });
    expect(await post(roomy.secret, "/v1/responses", responses)).toMatchObject({ status: 200 });
    const [sentClaude, sentResponses] = fake.requests.map((r) => r.json as { tools: { max_uses?: number }[]; max_tool_calls?: number });
    expect(sentClaude!.tools[0]!.max_uses).toBe(10);
    expect(sentResponses!.max_tool_calls).toBe(10);
  });

  it("hosted tools billed per call at prices Latch does not track are refused on a capped key", async () => {
    const { secret } = await t.key({ maxRequestCostUsd: 1 });
    const responses = { model: "gpt-4o-mini", input: "draw", max_output_tokens: 16 };
    for (const tool of [
      { type: "image_generation" },
      { type: "code_interpreter", container: { type: "auto" } },
      { type: "file_search", vector_store_ids: ["vs_1"] },
    ])
      expect(await post(secret, "/v1/responses", { ...responses, tools: [tool] })).toMatchObject({ status: 400, code: "unbounded_cost", param: "tools" });
    const claude = {
      model: "claude-haiku",
      max_tokens: 10,
      messages: [{ role: "user", content: "run it" }],
      tools: [{ type: "code_execution_20250522", name: "code_execution" }],
    };
    expect(await post(secret, "/v1/messages", claude)).toMatchObject({ status: 400, code: "unbounded_cost" });
    expect(fake.requests).toHaveLength(0);
  });

  it("history or files kept with the provider are refused on a budgeted key, passed on an open one", async () => {
    const budgeted = await t.key({ budgets: [{ kind: "tokens", period: "daily", limit: 1_000_000 }] });
    const open = await t.key();
    const followUp = { model: "gpt-4o-mini", input: "and then?", previous_response_id: "resp_123" };
    expect(await post(budgeted.secret, "/v1/responses", followUp)).toMatchObject({ status: 400, code: "unbounded_cost", param: "previous_response_id" });
    const file = chat({ messages: [{ role: "user", content: [{ type: "file", file: { file_id: "file-abc" } }] }] });
    expect(await post(budgeted.secret, "/v1/chat/completions", file)).toMatchObject({ status: 400, code: "unbounded_cost", param: "messages" });
    expect(fake.requests).toHaveLength(0);
    expect(await post(open.secret, "/v1/responses", followUp)).toMatchObject({ status: 200 });
  });
});

describe("settlement clamped to the reservation", () => {
  it("a provider billing past max_tokens: the event keeps its charge, the cap counter stops at the reservation", async () => {
    const body = chat({ max_tokens: 100 });
    const reserved = worstUsd(body, 0.1); // 100 output tokens
    const cap = reserved * 1.5;
    const { id, secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: cap }] });
    // 100,000 output tokens against a ceiling of 100: $0.06, four hundred times the cap.
    fake.configure({ usage: { prompt_tokens: 10, completion_tokens: 100_000 } });
    const before = (await metrics.overReservation.get()).values.reduce((a, v) => a + v.value, 0);
    expect(await post(secret, "/v1/chat/completions", body)).toMatchObject({ status: 200 });

    const event = await waitFor(async () => {
      await usageQueue.flush();
      return db.usageEvent.findFirst({ where: { keyId: id } });
    }, 10_000);
    expect(Number(event.costUsd)).toBeCloseTo((10 * 0.15 + 100_000 * 0.6) / 1e6, 8);
    expect(event.overReservation).toBe(true);
    expect((await metrics.overReservation.get()).values.reduce((a, v) => a + v.value, 0)).toBe(before + 1);

    const key = (await getKeyByHash(hashSecret(secret)))!;
    const { counter } = budgetCounter(t.org.id, key.budgets[0]!, "UTC", Date.now());
    if (redis.kind !== "redis") throw new Error("this test reads the ledger's holds in Redis");
    const client = redis.client;
    // Settled once the request's hold is gone.
    await waitFor(async () => (await client.hlen(`${counter}:h`)) === 0);
    const [total] = await limitBackends.primary.ledger.peek([counter]);
    expect(total).toBeLessThanOrEqual(usdToNano(reserved) + 1);
    expect(total).toBeLessThanOrEqual(usdToNano(cap));
  });
});
