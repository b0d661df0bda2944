// Attribution queries on a seeded data set with known answers.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { writeUsageBatch } from "@/lib/usage/writer";
import { usageBreakdown, usageTimeseries, usageTotals, rejectionTimeseries } from "@/lib/usage/attribution";
import { inactiveKeys } from "@/lib/usage/key-activity";
import { usageCsv } from "@/lib/usage/csv";
import { testUsageEvent } from "@/tests/helpers/usage-event";
import type { UsageEvent } from "@/lib/usage/event";

let t: TestOrg;
let other: TestOrg;
let teamId: string;
let keyA: string;
let keyB: string;
const day1 = new Date("2026-10-01T10:15:00Z");
const day2 = new Date("2026-10-02T18:40:00Z");
const range = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-03T00:00:00Z") };

// The events these tests sum: 150 tokens and $1 each unless they say otherwise.
const event = (e: Partial<UsageEvent> & Pick<UsageEvent, "orgId">): UsageEvent =>
  testUsageEvent(e.orgId, { inputTokens: 100, outputTokens: 50, costUsd: 1, latencyMs: 10, createdAt: day1, ...e });

beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
  teamId = (await db.team.create({ data: { orgId: t.org.id, slug: "ml", name: "ML" } })).id;
  keyA = (await t.key({ teamId })).id;
  keyB = (await t.key({ ownerUserId: t.admin.id })).id;
  const dev = { orgId: t.org.id, keyId: keyA, userId: t.developer.id, teamId };
  const admin = { orgId: t.org.id, keyId: keyB, userId: t.admin.id };
  await writeUsageBatch([
    event({ ...dev, costUsd: 2 }),
    event({ ...dev, costUsd: 3, createdAt: day2 }),
    event({ ...dev, provider: "anthropic", model: "claude-haiku", costUsd: 5, createdAt: day2 }),
    event({ ...admin, costUsd: 7, inputTokens: 1000 }),
    event({ ...admin, outcome: "rejected", status: 429, errorCode: "budget_exceeded", costUsd: 0, inputTokens: 0, outputTokens: 0 }),
    event({ orgId: other.org.id, costUsd: 100 }),
  ]);
});

describe("attribution", () => {
  it("totals and breakdowns by key, user, team, model and provider", async () => {
    const actor = t.adminActor;
    expect(await usageTotals({ actor, range })).toEqual({ requests: 5, inputTokens: 1300, outputTokens: 200, costUsd: 17, rejected: 1 });
    const byKey = await usageBreakdown({ actor, range, groupBy: "key" });
    expect(byKey.map((r) => [r.id, r.costUsd, r.requests])).toEqual([
      [keyA, 10, 3],
      [keyB, 7, 2],
    ]);
    const byTeam = await usageBreakdown({ actor, range, groupBy: "team" });
    expect(byTeam.map((r) => [r.id, r.costUsd])).toEqual([
      [teamId, 10],
      [null, 7],
    ]);
    const byModel = await usageBreakdown({ actor, range, groupBy: "model" });
    expect(byModel.map((r) => [r.id, r.costUsd])).toEqual([
      ["gpt-4o-mini", 12],
      ["claude-haiku", 5],
    ]);
    const byProvider = await usageBreakdown({ actor, range, groupBy: "provider", limit: 1 });
    expect(byProvider).toEqual([expect.objectContaining({ id: "openai", costUsd: 12 })]);
  });

  it("time series by day, stacked by model", async () => {
    const rows = await usageTimeseries({ actor: t.adminActor, range, granularity: "day", stackBy: "model" });
    expect(rows.map((r) => [r.bucket.toISOString().slice(0, 10), r.series, r.costUsd])).toEqual([
      ["2026-10-01", "gpt-4o-mini", 9],
      ["2026-10-02", "claude-haiku", 5],
      ["2026-10-02", "gpt-4o-mini", 3],
    ]);
    const rejections = await rejectionTimeseries({ actor: t.adminActor, range, granularity: "day" });
    expect(rejections).toEqual([expect.objectContaining({ reason: "budget_exceeded", keyId: keyB, requests: 1 })]);
  });

  it("a developer sees only their own usage; no one sees another org's", async () => {
    expect((await usageTotals({ actor: t.developerActor, range })).costUsd).toBe(10);
    expect((await usageTotals({ actor: other.adminActor, range })).costUsd).toBe(100);
  });

  it("inactive keys", async () => {
    await db.virtualKey.update({ where: { id: keyA }, data: { lastUsedAt: new Date("2026-01-01T00:00:00Z") } });
    const idle = await inactiveKeys({ actor: t.adminActor, days: 30 });
    expect(idle.map((k) => k.id)).toContain(keyA);
    expect(idle.map((k) => k.id)).not.toContain(keyB); // created just now
  });

  it("CSV export of the range", async () => {
    const text = await new Response(usageCsv({ actor: t.adminActor, range })).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toMatch(/^id,createdAt,keyId/);
    expect(lines).toHaveLength(6);
    expect(text).not.toContain(other.org.id);
  });
});
