// Steady traffic through a gateway process against a spend cap while a Redis master is killed,
// and what the failover tests check afterwards: every answer clean, spend within the cap, each
// served request counted exactly once in Redis and written exactly once to Postgres.
import { expect } from "vitest";
import { Redis } from "ioredis";
import { db } from "@/lib/db";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { usdToNano } from "@/lib/policy/budget-rules";
import type { TestOrg } from "@/tests/helpers/org";

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 10, messages: [{ role: "user", content: "failover" }] });
// gpt-4o-mini at $0.15 / $0.60 per 1M; the fake provider answers 10 input and 5 output tokens.
const WORST_USD = (worstCaseInputTokens(Buffer.byteLength(BODY)) * 0.15 + 10 * 0.6) / 1e6;
const ACTUAL_USD = (10 * 0.15 + 5 * 0.6) / 1e6;
/** Room for about 80 requests settled at their actual cost. */
export const CAP_USD = ACTUAL_USD * 80 + WORST_USD;

type Answer = { status: number; code: string | null; started: number; at: number };

async function post(url: string, secret: string): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: BODY,
    // During a failover a request may wait for the new master; waiting is allowed, a lost answer is not.
    signal: AbortSignal.timeout(45_000),
  });
  const code = res.status === 200 ? (await res.text(), null) : ((await res.json()) as { error: { code: string } }).error.code;
  return { status: res.status, code, started, at: Date.now() };
}

/**
 * Four clients send requests until the cap refuses them; after `killAfter` successes, `kill`
 * runs (the master dies) while they keep sending. Returns every answer and the kill time.
 */
export async function trafficThroughFailover(url: string, secret: string, killAfter: number, kill: () => Promise<void>) {
  const answers: Answer[] = [];
  let killedAt = 0;
  let refusedInARow = 0;
  const deadline = Date.now() + 40_000;
  const client = async () => {
    while (refusedInARow < 12 && Date.now() < deadline) {
      const answer = await post(url, secret);
      answers.push(answer);
      refusedInARow = answer.status === 429 ? refusedInARow + 1 : 0;
      if (!killedAt && answers.filter((a) => a.status === 200).length >= killAfter) {
        killedAt = Date.now();
        await kill();
      }
      if (answer.status === 503) await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  return { answers, killedAt };
}

/** From the kill to the first request sent after it and served, and how many were refused. */
export function failClosedWindow(answers: Answer[], killedAt: number) {
  const after = answers.filter((a) => a.started >= killedAt).sort((a, b) => a.at - b.at);
  const firstServed = after.find((a) => a.status === 200);
  return { ms: firstServed ? firstServed.at - killedAt : Infinity, refused: after.filter((a) => a.status === 503).length };
}

/** Sum of the org's spend counters in Redis (nano-USD), read from each master by port. */
async function settledInRedis(masterPorts: number[], orgId: string): Promise<number> {
  let sum = 0;
  for (const port of masterPorts) {
    const io = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
    try {
      const keys = (await io.keys(`${process.env.REDIS_KEY_PREFIX}{o:${orgId}}:b:*`)).filter((k) => !/:(h|held|x)$/.test(k));
      for (const k of keys) sum += Number((await io.get(k)) ?? 0);
    } finally {
      io.disconnect();
    }
  }
  return sum;
}

export async function expectCapsHeldAndUsageExact(t: TestOrg, keyId: string, answers: Answer[], masterPorts: number[]) {
  const served = answers.filter((a) => a.status === 200).length;
  const unexpected = answers.filter(
    (a) => a.status !== 200 && !(a.status === 429 && a.code === "budget_exceeded") && !(a.status === 503 && a.code === "limits_unavailable"),
  );
  expect(unexpected).toEqual([]);
  expect(served).toBeGreaterThan(0);

  // No lost usage event: every served request reaches Postgres (through the stream or, when a
  // write could not be replicated, directly), and none twice.
  const deadline = Date.now() + 20_000;
  let written = 0;
  while (Date.now() < deadline && (written = await db.usageEvent.count({ where: { keyId, outcome: "success" } })) < served)
    await new Promise((r) => setTimeout(r, 200));
  expect(written).toBe(served);

  const spend = await db.usageEvent.aggregate({ where: { keyId, outcome: "success" }, _sum: { costUsd: true } });
  expect(Number(spend._sum.costUsd)).toBeLessThanOrEqual(CAP_USD);

  // No double count: the counter the cap is enforced on holds each served request exactly once.
  const perRequest = usdToNano(ACTUAL_USD);
  expect(Math.round((await settledInRedis(masterPorts, t.org.id)) / perRequest)).toBe(served);
  return { served, spendUsd: Number(spend._sum.costUsd) };
}
