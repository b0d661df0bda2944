// The chargeback report and the usage API's dimension group-bys and filters, checked against
// the raw events they summarise: every number must equal the sum of the events behind it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "@/tests/helpers/app-server";
import type { TestGateway } from "@/tests/helpers/gateway";
import { createApiOrg, managementClient, type ApiOrg } from "@/tests/helpers/management-client";
import { writeUsageBatch } from "@/lib/usage/writer";
import type { UsageEvent } from "@/lib/usage/event";
import { db } from "@/lib/db";
import { usageCsv } from "@/lib/usage/csv";

let app: TestGateway;
let t: ApiOrg;
let api: ReturnType<typeof managementClient>;
const keys: string[] = [];

const CENTERS = ["R&D", "Sales", null] as const;
const MODELS = ["gpt-4o-mini", "claude-3-5-haiku-latest", "gpt-4.1"];

function event(i: number, at: Date): UsageEvent {
  const center = CENTERS[i % 3];
  return {
    id: `req_${randomUUID()}`,
    orgId: t.org.id,
    keyId: keys[i % keys.length]!,
    userId: null,
    teamId: null,
    keyKind: i % 2 ? "agent" : "service",
    provider: "openai",
    model: MODELS[i % MODELS.length]!,
    endpoint: "chat.completions",
    inputTokens: 100 + i,
    outputTokens: 10 * i,
    cachedInputTokens: 0,
    costUsd: 0.0001 * (i + 1) + 0.00000123,
    priced: true,
    status: i % 7 === 0 ? 429 : 200,
    outcome: i % 7 === 0 ? "rejected" : "success",
    errorCode: i % 7 === 0 ? "budget_exceeded" : null,
    stream: false,
    latencyMs: 5,
    ttftMs: null,
    clientIp: null,
    userAgent: null,
    dimensions: center ? { cost_center: center, environment: i % 4 ? "prod" : "dev" } : { environment: "prod" },
    endUser: i % 5 === 0 ? `user-${i % 3}` : null,
    createdAt: at,
  };
}

beforeAll(async () => {
  app = await startAppServer();
  t = await createApiOrg();
  api = managementClient(app.url, (await t.token(["admin"])).secret);
  for (const name of ["a", "b", "c", "d"]) keys.push((await db.virtualKey.create({ data: { orgId: t.org.id, name, prefix: name, hash: randomUUID() } })).id);
  // 60 events spread over March 2026, 5 in February that must not count.
  const march = Array.from({ length: 60 }, (_, i) => event(i, new Date(Date.UTC(2026, 2, 1 + (i % 28), i % 24, 7))));
  const february = Array.from({ length: 5 }, (_, i) => event(i, new Date(Date.UTC(2026, 1, 27, 12))));
  await writeUsageBatch([...march, ...february]);
});
afterAll(() => app.close());

/** The truth: sums over raw events, by cost center, in March (UTC, the org's zone). */
async function eventSums() {
  return db.$queryRaw<{ value: string | null; requests: number; cost: number; input: number; output: number }[]>`
    SELECT dimensions ->> 'cost_center' AS value, count(*)::int AS requests, sum("costUsd")::float8 AS cost,
      sum("inputTokens")::float8 AS input, sum("outputTokens")::float8 AS output
    FROM "UsageEvent" WHERE "orgId" = ${t.org.id} AND "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01' GROUP BY 1`;
}

describe("chargeback", () => {
  it("each cost center's line equals the sum of its events, top keys and models included", async () => {
    const res = await api.call("getChargebackReport", { query: { month: "2026-03" } });
    expect(res.status).toBe(200);
    const truth = await eventSums();
    expect(res.body.data).toHaveLength(3);
    for (const row of truth) {
      const line = res.body.data.find((l: { value: string | null }) => l.value === row.value);
      expect(line).toMatchObject({ requests: row.requests, input_tokens: row.input, output_tokens: row.output });
      expect(line.cost_usd).toBeCloseTo(row.cost, 10);
      const [topKey] = await db.$queryRaw<{ keyId: string; cost: number }[]>`
        SELECT "keyId", sum("costUsd")::float8 AS cost FROM "UsageEvent" WHERE "orgId" = ${t.org.id} AND "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01'
          AND (dimensions ->> 'cost_center') IS NOT DISTINCT FROM ${row.value} GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
      expect(line.top_keys[0]).toMatchObject({ id: topKey!.keyId });
      expect(line.top_keys[0].cost_usd).toBeCloseTo(topKey!.cost, 10);
      expect(line.top_models.reduce((s: number, m: { requests: number }) => s + m.requests, 0)).toBe(row.requests);
    }
    expect(res.body.total.requests).toBe(60);
    expect(res.body.total.cost_usd).toBeCloseTo(
      truth.reduce((s, r) => s + r.cost, 0),
      10,
    );
    expect((await api.call("getChargebackReport", { query: { month: "2026-13" } })).status).toBe(400);
  });

  it("the usage API groups and filters by any dimension and by key kind", async () => {
    const query = { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" };
    const byEnv = await api.call("getUsage", { query: { ...query, group_by: "dimension:environment" } });
    const [dev] = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM "UsageEvent" WHERE "orgId" = ${t.org.id} AND "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01' AND dimensions ->> 'environment' = 'dev'`;
    expect(byEnv.body.data.find((g: { group: string }) => g.group === "dev").requests).toBe(dev!.n);

    const filtered = await api.call("getUsage", { query: { ...query, filter: "cost_center=R&D,environment=prod", key_kind: "agent" } });
    const [n] = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM "UsageEvent" WHERE "orgId" = ${t.org.id} AND "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01'
      AND dimensions ->> 'cost_center' = 'R&D' AND dimensions ->> 'environment' = 'prod' AND "keyKind" = 'agent'`;
    expect(filtered.body.total.requests).toBe(n!.n);
    expect(n!.n).toBeGreaterThan(0);

    const kinds = await api.call("getUsage", { query: { ...query, group_by: "kind" } });
    expect(kinds.body.data.map((g: { group: string }) => g.group).sort()).toEqual(["agent", "service"]);
    expect((await api.call("getUsage", { query: { ...query, group_by: "dimension:Bad-Name" } })).status).toBe(400);
    const users = await api.call("getUsage", { query: { ...query, group_by: "end_user" } });
    const byUser = await db.$queryRaw<{ u: string; n: number }[]>`SELECT "endUser" AS u, count(*)::int AS n FROM "UsageEvent" WHERE "orgId" = ${t.org.id}
      AND "createdAt" >= '2026-03-01' AND "createdAt" < '2026-04-01' AND "endUser" IS NOT NULL GROUP BY 1`;
    expect(Object.fromEntries(users.body.data.map((g: { group: string; requests: number }) => [g.group, g.requests]))).toEqual(
      Object.fromEntries(byUser.map((r) => [r.u, r.n])),
    );
    expect(byUser.length).toBe(3);
    expect((await api.call("getUsage", { query: { ...query, filter: "cost_center" } })).body.error.param).toBe("filter");
  });

  it("exports events with their kind and dimensions as CSV and JSON", async () => {
    const actor = { kind: "system" as const, orgId: t.org.id };
    const range = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
    const rows = JSON.parse(await new Response(usageCsv({ actor, range, format: "json" })).text()) as {
      dimensions: Record<string, string> | null;
      keyKind: string;
    }[];
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.dimensions?.cost_center === "R&D")).toHaveLength(20);
    const csv = (await new Response(usageCsv({ actor, range })).text()).trim().split("\n");
    expect(csv).toHaveLength(61);
    const header = csv[0]!.split(",");
    expect(header).toEqual(expect.arrayContaining(["keyKind", "dimensions", "endUser"]));
    expect(csv.slice(1).filter((line) => line.includes('""cost_center"":""Sales""'))).toHaveLength(20);
  });
});
