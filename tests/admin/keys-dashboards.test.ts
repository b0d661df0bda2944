// All-keys search and bulk revoke, and the attribution dashboards' data on a seeded data set.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { writeUsageBatch } from "@/lib/usage/writer";
import { testUsageEvent } from "@/tests/helpers/usage-event";
import type { UsageEvent } from "@/lib/usage/event";
import { searchKeys } from "@/lib/keys/search";
import { revokeKeys } from "@/lib/keys/revoke-many";
import { createTeam } from "@/lib/teams/create";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { listBudgetUtilisation } from "@/lib/budgets/utilisation";
import { rejectionsOverTime, spendOverTime, topSpenders } from "@/lib/usage/dashboard";
import { keyUsageDetail, userUsageDetail } from "@/lib/usage/detail";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";

let t: TestOrg;
let other: TestOrg;
let teamId: string;
let teamKey: string;
let adminKey: string;
const now = Date.now();
const { range } = parseDashboardParams({ range: "7d" }, now);

// The events these tests sum: 150 tokens and $1 each unless they say otherwise.
const event = (e: Partial<UsageEvent> & Pick<UsageEvent, "orgId">): UsageEvent =>
  testUsageEvent(e.orgId, { inputTokens: 100, outputTokens: 50, costUsd: 1, latencyMs: 10, createdAt: new Date(now - 1_000), ...e });

beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
  teamId = (await createTeam({ actor: t.adminActor, input: { name: "Search", cap: { limitUsd: 10, period: "monthly" } } })).id;
  teamKey = (await t.key({ name: "team-bot", teamId, allowedModels: ["gpt-4.1"] })).id;
  adminKey = (await t.key({ name: "admin-laptop", ownerUserId: t.admin.id })).id;
  await setSpendCap({ actor: t.adminActor, input: { target: { scope: "user", userId: t.admin.id }, cap: { limitUsd: 20, period: "monthly" } } });
  const dev = { orgId: t.org.id, keyId: teamKey, userId: t.developer.id, teamId };
  const admin = { orgId: t.org.id, keyId: adminKey, userId: t.admin.id };
  await writeUsageBatch([
    event({ ...dev, costUsd: 4 }),
    event({ ...dev, costUsd: 5, provider: "anthropic", model: "claude-haiku" }),
    event({ ...admin, costUsd: 3 }),
    event({ ...admin, outcome: "rejected", status: 429, errorCode: "rate_limit_exceeded", costUsd: 0, inputTokens: 0, outputTokens: 0 }),
    event({ orgId: other.org.id, costUsd: 100 }),
  ]);
});

describe("all keys", () => {
  it("searches by name, owner, team, status and model (allowed or used)", async () => {
    const names = async (filter: Parameters<typeof searchKeys>[0]["filter"]) => (await searchKeys({ actor: t.adminActor, filter })).map((k) => k.name).sort();
    expect(await names({ q: "laptop" })).toEqual(["admin-laptop"]);
    expect(await names({ ownerUserId: t.admin.id })).toEqual(["admin-laptop"]);
    expect(await names({ teamId })).toEqual(["team-bot"]);
    expect(await names({ model: "gpt-4.1" })).toEqual(["team-bot"]);
    expect(await names({ model: "claude-haiku" })).toEqual(["team-bot"]);
    expect(await names({ model: "gpt-4o-mini", status: "active" })).toEqual(["admin-laptop", "team-bot"]);
  });

  it("revokes in bulk, skipping ids of other orgs", async () => {
    const a = await t.key({ name: "bulk-a" });
    const b = await t.key({ name: "bulk-b" });
    const foreign = await other.key({ name: "theirs" });
    expect(await revokeKeys({ actor: t.adminActor, input: { keyIds: [a.id, b.id, foreign.id] } })).toEqual({ revoked: 2 });
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("active");
    expect(await revokeKeys({ actor: t.adminActor, input: { keyIds: [a.id] } })).toEqual({ revoked: 0 });
  });

  it("caller without permission is rejected", async () => {
    await expect(searchKeys({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
    await expect(revokeKeys({ actor: t.developerActor, input: { keyIds: [adminKey] } })).rejects.toMatchObject({ status: 403 });
  });
});

describe("dashboards", () => {
  it("spend over time stacked by team and by model, with every bucket present", async () => {
    const byTeam = await spendOverTime({ actor: t.adminActor, range, stack: "team" });
    expect(byTeam.rows.length).toBeGreaterThanOrEqual(7);
    expect(Object.fromEntries(byTeam.series.map((s) => [s.label, byTeam.rows.reduce((sum, r) => sum + Number(r[s.key]), 0)]))).toEqual({
      Search: 9,
      "no team": 3,
    });
    const byModel = await spendOverTime({ actor: t.adminActor, range, stack: "model" });
    expect(byModel.table.map((r) => [r.series, r.costUsd]).sort()).toEqual([
      ["claude-haiku", 5],
      ["gpt-4o-mini", 7],
    ]);
  });

  it("top spenders carry their cap and its utilisation", async () => {
    expect(await topSpenders({ actor: t.adminActor, range, by: "team" })).toEqual([
      expect.objectContaining({ label: "Search", costUsd: 9, capUsd: 10, utilisation: 0.9 }),
      expect.objectContaining({ id: null, label: "no team", costUsd: 3, capUsd: null }),
    ]);
    const users = await topSpenders({ actor: t.adminActor, range, by: "user" });
    expect(users.find((u) => u.id === t.admin.id)).toMatchObject({ label: t.admin.email, costUsd: 3, capUsd: 20, utilisation: 0.15 });
    const keys = await topSpenders({ actor: t.adminActor, range, by: "key" });
    expect(keys.map((k) => [k.id, k.costUsd])).toEqual([
      [teamKey, 9],
      [adminKey, 3],
    ]);
  });

  it("budget utilisation covers every cap in its current period", async () => {
    const rows = await listBudgetUtilisation({ actor: t.adminActor });
    expect(rows.find((r) => r.scope === "team")).toMatchObject({ label: "Search", used: 9, limit: 10, ratio: 0.9 });
    expect(rows.find((r) => r.scope === "user")).toMatchObject({ targetId: t.admin.id, used: 3, limit: 20 });
  });

  it("rejections by reason name the key; detail pages narrow to one key or person", async () => {
    const rejections = await rejectionsOverTime({ actor: t.adminActor, range });
    expect(rejections.table).toEqual([expect.objectContaining({ reason: "rate_limit_exceeded", keyId: adminKey, requests: 1 })]);
    const key = await keyUsageDetail({ actor: t.adminActor, keyId: teamKey, range });
    expect(key.totals).toMatchObject({ requests: 2, costUsd: 9 });
    expect(key.models.map((m) => m.id).sort()).toEqual(["claude-haiku", "gpt-4o-mini"]);
    expect(key.recent).toHaveLength(2);
    const user = await userUsageDetail({ actor: t.adminActor, userId: t.admin.id, range });
    expect(user.totals).toMatchObject({ requests: 2, costUsd: 3, rejected: 1 });
    expect(user.keys.map((k) => k.id)).toEqual([adminKey]);
  });

  it("caller without permission is rejected", async () => {
    await expect(topSpenders({ actor: t.developerActor, range, by: "team" })).rejects.toMatchObject({ status: 403 });
    await expect(listBudgetUtilisation({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
    await expect(keyUsageDetail({ actor: t.developerActor, keyId: teamKey, range })).rejects.toMatchObject({ status: 403 });
  });

  it("cannot touch another org's row", async () => {
    const foreignKey = (await db.virtualKey.findFirstOrThrow({ where: { orgId: other.org.id } })).id;
    await expect(keyUsageDetail({ actor: t.adminActor, keyId: foreignKey, range })).rejects.toMatchObject({ status: 404 });
    await expect(userUsageDetail({ actor: t.adminActor, userId: other.admin.id, range })).rejects.toMatchObject({ status: 404 });
    expect((await spendOverTime({ actor: other.adminActor, range, stack: "team" })).table.map((r) => r.costUsd)).toEqual([100]);
  });
});
