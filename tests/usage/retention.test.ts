import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createTestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { writeUsageBatch } from "@/lib/usage/writer";
import { applyUsageRetention } from "@/lib/usage/retention";
import { usageTotals } from "@/lib/usage/attribution";
import type { UsageEvent } from "@/lib/usage/event";

describe("usage retention", () => {
  it("drops raw events past the retention period and keeps the rollups", async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    const now = Date.now();
    const event = (daysAgo: number): UsageEvent => ({
      id: `req_${randomUUID()}`,
      orgId: t.org.id,
      keyId: null,
      userId: null,
      teamId: null,
      provider: "openai",
      model: "m",
      endpoint: "chat.completions",
      inputTokens: 10,
      outputTokens: 5,
      cachedInputTokens: 0,
      costUsd: 1,
      priced: true,
      status: 200,
      outcome: "success",
      errorCode: null,
      stream: false,
      latencyMs: 5,
      ttftMs: null,
      clientIp: null,
      userAgent: null,
      createdAt: new Date(now - daysAgo * 86_400_000),
    });
    await writeUsageBatch([event(100), event(95), event(2)]);
    expect(await applyUsageRetention({ months: 0, days: 0, now })).toMatchObject({ cutoff: null, deletedEvents: 0 });
    const { deletedEvents } = await applyUsageRetention({ months: 0, days: 90, now });
    expect(deletedEvents).toBeGreaterThanOrEqual(2);
    expect(await db.usageEvent.count({ where: { orgId: t.org.id } })).toBe(1);
    const totals = await usageTotals({ actor: t.adminActor, range: { from: new Date(now - 120 * 86_400_000), to: new Date(now) } });
    expect(totals.costUsd).toBe(3);
  });
});
