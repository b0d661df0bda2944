// Monthly partitions of the event tables on the real Postgres: each event lands in its month's
// partition, an event outside the created months is still stored (DEFAULT partition) and moves to
// its month once that month is created, replays stay idempotent, and retention drops whole months
// only past the cutoff while rollups and the usage reads keep their numbers.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { runScript } from "@/tests/helpers/run-script";
import { db } from "@/lib/db";
import { ensureMonthPartitions, ensurePartitionsWhenDue, monthPartitions, monthStart } from "@/lib/db/partitions";
import { writeUsageBatch } from "@/lib/usage/writer";
import { applyUsageRetention } from "@/lib/usage/retention";
import { usageBreakdown, usageTotals } from "@/lib/usage/attribution";
import { usageCsv } from "@/lib/usage/csv";
import type { UsageEvent } from "@/lib/usage/event";

let t: TestOrg;
const NOW = Date.now();
const month = (add: number, day = 10) => new Date(monthStart(NOW, add) + (day - 1) * 86_400_000 + 3_600_000);
const partitionName = (table: string, at: Date) => `${table}_${at.getUTCFullYear()}_${String(at.getUTCMonth() + 1).padStart(2, "0")}`;

function event(createdAt: Date, costUsd = 1): UsageEvent {
  return {
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
    costUsd,
    priced: true,
    status: 200,
    outcome: "success",
    errorCode: null,
    stream: false,
    latencyMs: 5,
    ttftMs: null,
    clientIp: null,
    userAgent: null,
    createdAt,
  };
}

const whereIs = async (id: string) =>
  (await db.$queryRaw<{ part: string }[]>`SELECT tableoid::regclass::text AS part FROM "UsageEvent" WHERE id = ${id}`).map((r) => r.part.replaceAll('"', ""));

async function exportedIds(range: { from: Date; to: Date }): Promise<string[]> {
  const text = await new Response(usageCsv({ actor: t.adminActor, range, format: "json" })).text();
  return (JSON.parse(text) as { id: string }[]).map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  await ensurePartitionsWhenDue(NOW);
});

describe("monthly usage partitions", () => {
  it("creates this month and the next ones ahead, and each event lands in its month's partition", async () => {
    const names = (await monthPartitions("UsageEvent")).map((p) => p.name);
    for (const add of [0, 1, 2, 3]) expect(names).toContain(partitionName("UsageEvent", month(add)));
    expect((await monthPartitions("ToolCallEvent")).map((p) => p.name)).toContain(partitionName("ToolCallEvent", month(3)));

    const thisMonth = event(month(0, 1));
    const nextMonth = event(month(1, 1));
    await writeUsageBatch([thisMonth, nextMonth]);
    expect(await whereIs(thisMonth.id)).toEqual([partitionName("UsageEvent", month(0))]);
    expect(await whereIs(nextMonth.id)).toEqual([partitionName("UsageEvent", month(1))]);
  });

  it("stores an event beyond the created months, moves it into its month when that month is created, and stays idempotent", async () => {
    const far = month(40, 15);
    const e = event(far, 4);
    await writeUsageBatch([e]);
    expect(await whereIs(e.id)).toEqual(["UsageEvent_default"]);

    const created = await ensureMonthPartitions(far.getTime(), 0);
    expect(created).toEqual([partitionName("UsageEvent", far), partitionName("ToolCallEvent", far)]);
    expect(await whereIs(e.id)).toEqual([partitionName("UsageEvent", far)]);
    expect(await ensureMonthPartitions(far.getTime(), 0)).toEqual([]);

    await writeUsageBatch([e]); // a redelivered stream entry
    const range = { from: month(40, 1), to: month(41, 1) };
    expect(await db.usageEvent.count({ where: { id: e.id } })).toBe(1);
    expect(await usageTotals({ actor: t.adminActor, range })).toMatchObject({ requests: 1, costUsd: 4 });
  });

  it("instances creating the same months at once create each exactly once", async () => {
    const at = month(120).getTime();
    const results = await Promise.all(Array.from({ length: 5 }, () => ensureMonthPartitions(at, 1)));
    expect(results.flat().sort()).toEqual(
      [
        partitionName("UsageEvent", month(120)),
        partitionName("UsageEvent", month(121)),
        partitionName("ToolCallEvent", month(120)),
        partitionName("ToolCallEvent", month(121)),
      ].sort(),
    );
  });

  it("the usage writer creates a new month's partitions before that month's first event", async () => {
    const future = month(80, 1);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(future);
    try {
      const e = event(future);
      await writeUsageBatch([e]);
      expect(await whereIs(e.id)).toEqual([partitionName("UsageEvent", future)]);
      const names = (await monthPartitions("ToolCallEvent")).map((p) => p.name);
      expect(names).toContain(partitionName("ToolCallEvent", month(83)));
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops only the partitions past the cutoff; rollups, totals and exports keep the rest", async () => {
    t = await createTestOrg("http://127.0.0.1:9");
    // Months 26 and 25 ago are past a 24-month cutoff; 24 months ago straddles it.
    await ensureMonthPartitions(month(-26).getTime(), 2);
    const old = [event(month(-26), 1), event(month(-25), 2)];
    const straddling = [event(new Date(monthStart(NOW, -24)), 4), event(month(-24, 28), 8)];
    const recent = [event(month(-1), 16), event(month(0, 1), 32)];
    await writeUsageBatch([...old, ...straddling, ...recent]);
    const everything = { from: new Date(monthStart(NOW, -30)), to: new Date(monthStart(NOW, 1)) };
    const before = await usageTotals({ actor: t.adminActor, range: everything });
    expect(before.costUsd).toBe(63);

    const dryRun = await applyUsageRetention({ months: 24, days: 0, now: NOW, dryRun: true });
    expect(dryRun.droppedPartitions).toContain(partitionName("UsageEvent", month(-26)));
    expect(await db.usageEvent.count({ where: { orgId: t.org.id } })).toBe(6);

    const result = await applyUsageRetention({ months: 24, days: 0, now: NOW });
    const names = (await monthPartitions("UsageEvent")).map((p) => p.name);
    for (const gone of [-26, -25]) {
      expect(result.droppedPartitions).toContain(partitionName("UsageEvent", month(gone)));
      expect(names).not.toContain(partitionName("UsageEvent", month(gone)));
    }
    expect(result.droppedPartitions).toContain(partitionName("ToolCallEvent", month(-26)));
    expect(names).toContain(partitionName("UsageEvent", month(-24)));
    expect(names).toContain(partitionName("UsageEvent", month(0)));

    // The month that straddles the cutoff is kept whole: a cutoff in months never deletes rows one by one.
    expect(result.deletedEvents).toBe(0);
    const left = await db.usageEvent.findMany({ where: { orgId: t.org.id }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([...straddling, ...recent].map((e) => e.id).sort());
    // A cutoff in days also deletes the older events of that month.
    const byDays = await applyUsageRetention({ months: 24, days: Math.floor((NOW - monthStart(NOW, -24)) / 86_400_000) - 1, now: NOW });
    expect(byDays.deletedEvents).toBeGreaterThanOrEqual(1);
    const leftByDays = await db.usageEvent.findMany({ where: { orgId: t.org.id }, select: { id: true } });
    expect(leftByDays.map((r) => r.id).sort()).toEqual([straddling[1]!, ...recent].map((e) => e.id).sort());
    expect(await exportedIds({ from: new Date(monthStart(NOW, -1)), to: new Date(monthStart(NOW, 1)) })).toEqual(recent.map((e) => e.id));

    // Charts read the rollups, which retention never touches.
    expect(await usageTotals({ actor: t.adminActor, range: everything })).toEqual(before);
    const byModel = await usageBreakdown({ actor: t.adminActor, range: everything, groupBy: "model" });
    expect(byModel.map((r) => [r.id, r.costUsd, r.requests])).toEqual([["m", 63, 6]]);
  });
});

describe("npm run usage:retention", () => {
  it("creates the months ahead, lists what it would drop with --dry-run and refuses a bad setting", async () => {
    await ensureMonthPartitions(month(-40).getTime(), 0);
    const dry = await runScript("usage-retention.ts", ["--months", "36", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Keeping events from \d{4}-\d\d-\d\dT/m);
    expect(dry.stdout).toContain(`Would drop partitions: `);
    expect(dry.stdout).toContain(partitionName("UsageEvent", month(-40)));
    expect((await monthPartitions("UsageEvent")).map((p) => p.name)).toContain(partitionName("UsageEvent", month(-40)));

    const run = await runScript("usage-retention.ts", ["--months", "36"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Dropped partitions: .*${partitionName("UsageEvent", month(-40))}`, "m"));
    expect((await monthPartitions("UsageEvent")).map((p) => p.name)).not.toContain(partitionName("UsageEvent", month(-40)));

    const bad = await runScript("usage-retention.ts", ["--months", "twelve"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--months must be a whole number");
  });
});
