// Clamp admission: an agent-shaped request (a 100k-token prompt, max_tokens 32,000) that does not
// fit a budget at its full ceiling is sent with the ceiling the budget can still pay for, down to
// a floor; racing requests never share the same room, and recorded spend stays under the cap
// even when the provider bills every token it was allowed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { startHeldProvider, type HeldProvider } from "@/tests/helpers/held-provider";
import { createTestOrg, waitFor } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { CLAMPED_HEADER } from "@/lib/policy/limits";

// gpt-4o-mini: $0.15 in, $0.60 out per 1M tokens. About 200 kB of prompt: a 100k-token estimate.
const PROMPT = "agent context ".repeat(14_285);
const BODY = { model: "gpt-4o-mini", max_tokens: 32_000, messages: [{ role: "user" as const, content: PROMPT }] };
const INPUT = worstCaseInputTokens(Buffer.byteLength(JSON.stringify(BODY)));
const INPUT_USD = (INPUT * 0.15) / 1e6;
const FULL_USD = INPUT_USD + (32_000 * 0.6) / 1e6;
/** The output ceiling `usd` pays for once the prompt is counted. */
const affordable = (usd: number) => Math.floor(((usd - INPUT_USD) * 1e6) / 0.6);

let gateway: TestGateway;
let second: GatewayProcess;
let embedded: GatewayProcess;
beforeAll(async () => {
  gateway = await startGateway();
  second = await startGatewayProcess();
  embedded = await startGatewayProcess({ REDIS_URL: "" });
});
afterAll(async () => {
  await Promise.all([gateway?.close(), second?.kill(), embedded?.kill()]);
});

const client = (url: string, apiKey: string) => new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });

async function send(url: string, apiKey: string) {
  try {
    const { response } = await client(url, apiKey).chat.completions.create(BODY).withResponse();
    return { status: response.status, clamped: response.headers.get(CLAMPED_HEADER), code: null };
  } catch (err) {
    if (!(err instanceof OpenAI.APIError)) throw err;
    return { status: err.status, clamped: null, code: typeof err.code === "string" ? err.code : null };
  }
}

async function recordedSpend(orgId: string, events: number) {
  await usageQueue.flush();
  const where = { orgId, outcome: "success" as const };
  await waitFor(async () => (await db.usageEvent.count({ where })) >= events);
  const sum = await db.usageEvent.aggregate({ where, _sum: { costUsd: true } });
  return Number(sum._sum.costUsd ?? 0);
}

describe("an agent-shaped request", () => {
  let held: HeldProvider;
  beforeAll(async () => {
    held = await startHeldProvider({ promptTokens: 50_000 });
    held.release();
  });
  afterAll(() => held.close());

  it("is admitted with a clamped max_tokens, then refused once what is left is under the floor", async () => {
    const t = await createTestOrg(held.url);
    const cap = INPUT_USD + 0.015; // room for 25,000 output tokens after the prompt
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: cap }] });

    const first = await send(gateway.url, secret);
    expect(first.status).toBe(200);
    const granted = Number(first.clamped);
    expect(granted).toBeGreaterThanOrEqual(affordable(cap) - 1);
    expect(granted).toBeLessThanOrEqual(affordable(cap));
    expect(held.ceilings).toEqual([granted]); // the provider was held to the clamped ceiling

    // Settled at 50,000 prompt tokens and every granted output token: what is left cannot pay the prompt.
    await recordedSpend(t.org.id, 1);
    const next = await send(gateway.url, secret);
    expect(next).toEqual({ status: 429, clamped: null, code: "budget_exceeded" });
    expect(held.ceilings).toHaveLength(1);
  });

  it("is refused when the ceiling the budget pays for is under the org's floor, and not clamped when it fits", async () => {
    const t = await createTestOrg(held.url);
    const cap = INPUT_USD + (1_500 * 0.6) / 1e6; // about 1,500 output tokens of room
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: cap }] });
    await db.organization.update({ where: { id: t.org.id }, data: { clampFloorTokens: 2_048 } });
    expect(await send(second.url, secret)).toEqual({ status: 429, clamped: null, code: "budget_exceeded" });

    const roomy = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: FULL_USD * 2 }] });
    expect(await send(second.url, roomy.secret)).toEqual({ status: 200, clamped: null, code: null });
    expect(held.ceilings.at(-1)).toBe(32_000);
  });

  it("is refused outright when the org reserves the full ceiling instead", async () => {
    const t = await createTestOrg(held.url);
    await db.organization.update({ where: { id: t.org.id }, data: { clampMaxTokens: false } });
    const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: FULL_USD / 2 }] });
    expect(await send(second.url, secret)).toEqual({ status: 429, clamped: null, code: "budget_exceeded" });
  });

  it("counts a token quota the same way", async () => {
    const t = await createTestOrg(held.url);
    const { secret } = await t.key({ budgets: [{ kind: "tokens", period: "daily", limit: INPUT + 4_000 }] });
    expect(await send(embedded.url, secret)).toMatchObject({ status: 200, clamped: "4000" });
  });
});

describe("racing at the cap", () => {
  const N = 10;
  // Room for two full ceilings and part of a third, for any number of instances.
  const CAP = FULL_USD * 2 + INPUT_USD + (10_000 * 0.6) / 1e6;

  async function race(urls: string[]) {
    // Billed at the worst case the reservation assumed: every input token it counted, every output token it allowed.
    const held = await startHeldProvider({ promptTokens: INPUT });
    try {
      const t = await createTestOrg(held.url);
      const { secret } = await t.key({ budgets: [{ kind: "spend", period: "monthly", limit: CAP }] });
      for (const url of urls) await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
      let refused = 0;
      const results = Array.from({ length: N }, (_, i) =>
        send(urls[i % urls.length]!, secret).then((r) => {
          if (r.status !== 200) refused++;
          return r;
        }),
      );
      // Every request is either refused or waiting at the provider before any of them settles.
      await waitFor(async () => held.ceilings.length + refused === N, 15_000);
      held.release();
      const outcomes = await Promise.all(results);
      const admitted = outcomes.filter((o) => o.status === 200);
      expect(new Set(outcomes.filter((o) => o.status !== 200).map((o) => `${o.status} ${o.code}`))).toEqual(new Set(["429 budget_exceeded"]));
      expect(admitted).toHaveLength(3);
      expect(admitted.filter((o) => o.clamped !== null).map((o) => Number(o.clamped))).toEqual([expect.closeTo(10_000, -1)]);
      expect([...held.ceilings].sort((a, b) => a - b)).toEqual([Number(admitted.find((o) => o.clamped)!.clamped), 32_000, 32_000]);
      const spend = await recordedSpend(t.org.id, 3);
      expect(spend).toBeLessThanOrEqual(CAP);
      expect(spend).toBeGreaterThan(CAP - 0.000_01);
    } finally {
      await held.close();
    }
  }

  it("on Redis across two instances: no room is granted twice and recorded spend stays under the cap", () => race([gateway.url, second.url]), 40_000);

  it("in the embedded mode (in-process ledger)", () => race([embedded.url]), 40_000);
});
