// A budget on a dimension value (cost_center = R&D) held by the same atomic reservation as every
// other cap, across two gateway instances and several keys that reach R&D differently (their own
// value, a per-request tag). Requests are lined up with a barrier: the provider holds every
// admitted request until all refusals are in, so no request can settle before all have reserved.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { createDimension } from "@/lib/attribution/create";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";
import { usageQueue } from "@/lib/usage/queue";
import { db } from "@/lib/db";

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "race" }] });
const WORST_USD = (worstCaseInputTokens(Buffer.byteLength(BODY)) * 0.15 + 100 * 0.6) / 1e6;
const ACTUAL_USD = (10 * 0.15 + 5 * 0.6) / 1e6;
/** Room for exactly 10 worst cases, not 11. */
const CAP_USD = WORST_USD * 10.5;

/** A loopback hop in front of the fake provider that holds requests until released. */
async function startHoldingProvider(upstream: string) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const held: string[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    held.push(req.url ?? "");
    await released;
    const up = await fetch(upstream + (req.url ?? "/"), {
      method: req.method,
      headers: { "content-type": "application/json", authorization: req.headers.authorization ?? "" },
      body: Buffer.concat(chunks),
    });
    res.writeHead(up.status, { "content-type": up.headers.get("content-type") ?? "application/json" });
    res.end(Buffer.from(await up.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    held,
    release,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let fake: FakeProvider;
let gate: Awaited<ReturnType<typeof startHoldingProvider>>;
let gateway: TestGateway;
let second: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gate = await startHoldingProvider(fake.url);
  t = await createTestOrg(gate.url);
  await createDimension({ actor: t.adminActor, input: { name: "cost_center", values: ["R&D", "Sales"] } });
  await setSpendCap({
    actor: t.adminActor,
    input: { target: { scope: "dimension", name: "cost_center", value: "R&D" }, cap: { limitUsd: CAP_USD, period: "monthly" } },
  });
  gateway = await startGateway();
  second = await startGatewayProcess();
});
afterAll(async () => {
  await second.kill();
  await gateway.close();
  await gate.close();
  await fake.close();
});

describe("budget on a dimension value", () => {
  it("50 R&D requests over two instances and two keys: exactly 10 pass; Sales is untouched", async () => {
    const own = await t.key({ dimensions: { cost_center: "R&D" } });
    const tagging = await t.key({ requestTags: ["cost_center"], ownerUserId: t.admin.id });
    const sales = await t.key({ dimensions: { cost_center: "Sales" } });
    const urls = [gateway.url, second.url];
    for (const url of urls) for (const k of [own, tagging, sales]) await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${k.secret}` } });

    let refused = 0;
    const send = (url: string, secret: string, tags?: string) =>
      fetch(`${url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...(tags ? { "x-latch-tags": tags } : {}) },
        body: BODY,
      }).then(async (res) => {
        const body = (await res.json()) as { error?: { code: string; scope?: string; dimension?: string; value?: string } };
        if (res.status === 429) refused++;
        return { status: res.status, error: body.error };
      });
    const rnd = Array.from({ length: 50 }, (_, i) => (i % 2 ? send(urls[i % 2]!, own.secret) : send(urls[(i >> 1) % 2]!, tagging.secret, "cost_center=R&D")));
    const salesReplies = Array.from({ length: 5 }, (_, i) => send(urls[i % 2]!, sales.secret));

    // The barrier: every request has either reached the provider (and waits there) or been refused.
    await waitFor(async () => gate.held.length + refused >= 55, 30_000);
    gate.release();
    const results = await Promise.all(rnd);
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refusals = results.filter((r) => r.status === 429);
    expect(refusals).toHaveLength(40);
    expect(refusals.every((r) => r.error?.code === "budget_exceeded" && r.error.scope === "dimension" && r.error.value === "R&D")).toBe(true);
    expect((await Promise.all(salesReplies)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

    await usageQueue.flush();
    const spent = await waitFor(async () => {
      const [row] = await db.$queryRaw<{ n: number; cost: number }[]>`
        SELECT count(*)::int AS n, coalesce(sum("costUsd"), 0)::float8 AS cost FROM "UsageEvent"
        WHERE "orgId" = ${t.org.id} AND outcome = 'success' AND dimensions ->> 'cost_center' = 'R&D'`;
      return row!.n === 10 ? row : null;
    }, 10_000);
    expect(spent!.cost).toBeCloseTo(10 * ACTUAL_USD, 10);
    expect(spent!.cost).toBeLessThanOrEqual(CAP_USD);
  });
});
