// Degrade rules: near a cap, a request is sent to a cheaper model or throttled instead of being
// refused at the wall; the response names the rule and the model used, and a client can opt out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { publishInvalidation } from "@/lib/invalidation";
import { updateOrgSettings } from "@/lib/orgs/update-settings";
import { updateTeam } from "@/lib/teams/update";
import { degradedOverTime } from "@/lib/usage/dashboard";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "x" }] });
async function post(secret: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: BODY,
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, rule: res.headers.get("x-latch-degraded"), model: res.headers.get("x-latch-model-used"), code: body.error?.code ?? null };
}

describe("routing to a cheaper model", () => {
  it("crosses its threshold mid-run: later requests go to the other model, unless the client opts out", async () => {
    // Every request settles at 15 tokens; the rule applies from 40% of 400, i.e. after 11 requests.
    const { secret, id } = await t.key({
      budgets: [{ kind: "tokens", period: "monthly", limit: 400 }],
      degradeRules: [{ name: "cheaper-near-cap", atPercent: 40, route: { from: "gpt-4o*", to: "claude-haiku" } }],
    });
    const run = [];
    for (let i = 0; i < 11; i++) run.push(await post(secret));
    expect(run.every((r) => r.status === 200 && r.rule === null)).toBe(true);
    expect(await post(secret, { "x-latch-degrade": "off" })).toEqual({ status: 200, rule: null, model: null, code: null });
    expect(await post(secret)).toEqual({ status: 200, rule: "cheaper-near-cap", model: "claude-haiku", code: null });
    expect(fake.requests.map((r) => r.path.split("?")[0])).toEqual([...Array(12).fill("/v1/chat/completions"), "/v1/messages"]);

    await usageQueue.flush();
    const events = await waitFor(async () => {
      const rows = await db.usageEvent.findMany({
        where: { keyId: id },
        orderBy: { createdAt: "asc" },
        select: { model: true, degradedBy: true, requestedModel: true },
      });
      return rows.length === 13 ? rows : null;
    });
    // Attributed: the event names the rule and the model first asked for; the others name none.
    expect(events.at(-1)).toEqual({ model: "claude-3-5-haiku-latest", degradedBy: "cheaper-near-cap", requestedModel: "gpt-4o-mini" });
    expect(events.slice(0, 12).every((e) => e.degradedBy === null && e.requestedModel === null)).toBe(true);

    // Visible in the charts: the rollups count it, the table names the rule and the model change.
    const { range } = parseDashboardParams({ range: "7d" });
    const chart = await degradedOverTime({ actor: t.adminActor, range });
    expect(chart.series.map((x) => x.label)).toEqual(["claude-3-5-haiku-latest"]);
    expect(chart.rows.reduce((sum, row) => sum + Number(row.s0), 0)).toBe(1);
    expect(chart.table).toEqual([
      { rules: "cheaper-near-cap", requestedModel: "gpt-4o-mini", model: "claude-3-5-haiku-latest", requests: 1, refused: 0, costUsd: expect.any(Number) },
    ]);
  });
});

describe("throttling", () => {
  it("from the org's rule: a throttle window shared by the org's keys, with a named 429 and an opt-out", async () => {
    const org = await createTestOrg(fake.url);
    await db.budget.create({ data: { orgId: org.org.id, scope: "org", kind: "tokens", period: "monthly", limit: 1_000 } });
    await updateOrgSettings({ actor: org.adminActor, input: { degradeRules: [{ name: "slow-down", atPercent: 1, throttleRpm: 2 }] } });
    await publishInvalidation({ kind: "org", orgId: org.org.id });
    const [a, b] = [await org.key(), await org.key()];
    expect(await post(a.secret)).toMatchObject({ status: 200, rule: null }); // 0% used
    expect(await post(a.secret)).toMatchObject({ status: 200, rule: "slow-down", model: "gpt-4o-mini" });
    expect(await post(b.secret)).toMatchObject({ status: 200, rule: "slow-down" });
    expect(await post(b.secret)).toMatchObject({ status: 429, code: "degrade_throttled" });
    expect(await post(a.secret, { "x-latch-degrade": "off" })).toMatchObject({ status: 200, rule: null });

    // The throttled refusal is attributed to the rule too.
    await usageQueue.flush();
    const refused = await waitFor(() =>
      db.usageEvent.findFirst({ where: { keyId: b.id, outcome: "rejected" }, select: { errorCode: true, degradedBy: true, requestedModel: true } }),
    );
    expect(refused).toEqual({ errorCode: "degrade_throttled", degradedBy: "slow-down", requestedModel: null });
    const { range } = parseDashboardParams({ range: "7d" });
    const chart = await degradedOverTime({ actor: org.adminActor, range });
    expect(chart.table).toEqual([{ rules: "slow-down", requestedModel: "—", model: "gpt-4o-mini", requests: 3, refused: 1, costUsd: expect.any(Number) }]);
  });
});

describe("team rules", () => {
  it("apply to the team's keys once the team's cap is used past the share", async () => {
    const team = await db.team.create({ data: { orgId: t.org.id, slug: `agents-${Date.now()}`, name: "Agents" } });
    await db.budget.create({ data: { orgId: t.org.id, scope: "team", teamId: team.id, kind: "tokens", period: "daily", limit: 1_000 } });
    await updateTeam({
      actor: t.adminActor,
      input: { teamId: team.id, degradeRules: [{ name: "team-haiku", atPercent: 1, route: { from: "gpt-4o-mini", to: "claude-haiku" } }] },
    });
    const [member, outsider] = [await t.key({ teamId: team.id }), await t.key()];
    expect(await post(member.secret)).toMatchObject({ status: 200, rule: null });
    expect(await post(member.secret)).toMatchObject({ status: 200, rule: "team-haiku", model: "claude-haiku" });
    expect(await post(outsider.secret)).toMatchObject({ status: 200, rule: null });
  });
});
