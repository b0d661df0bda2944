// Org- and team-level classification settings through the settings verb: the strictest of key,
// team and org applies, org-defined patterns and keywords, the verb's guards, and the findings
// query behind the admin console's chart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { updateClassificationSettings } from "@/lib/orgs/classification";
import { findingsByTeamAndKey, findingsOverTime } from "@/lib/usage/findings";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let teamId: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  teamId = (await db.team.create({ data: { orgId: t.org.id, slug: "support", name: "Support" } })).id;
  await updateClassificationSettings({
    actor: t.adminActor,
    input: {
      org: {
        maxLevel: "confidential",
        action: "redact",
        detectorLevels: { email: "restricted" },
        patterns: [{ name: "ticket_id", pattern: "OPS-\\d+", level: "confidential" }],
        keywords: [{ name: "codename", words: ["Project Falcon", "osprey"], level: "restricted" }],
      },
      teams: [{ teamId, maxLevel: "internal", action: "block" }],
    },
  });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

const client = (secret: string) => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: secret, maxRetries: 0 });
const ask = (secret: string, content: string) => client(secret).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content }] });
const PROMPT = "Ticket OPS-4471 about Project Falcon from jane@example.com";

describe("org and team settings", () => {
  it("the org's limit, re-levelled email, pattern and keyword apply to every key", async () => {
    const { secret } = await t.key();
    await ask(secret, PROMPT);
    // ticket_id is confidential (allowed); email was raised to restricted, codename is restricted.
    expect((fake.requests.at(-1)!.json as { messages: { content: string }[] }).messages[0]!.content).toBe(
      "Ticket OPS-4471 about [REDACTED_CODENAME] from [REDACTED_EMAIL]",
    );
  });

  it("a team key gets the stricter team level and action", async () => {
    const { secret } = await t.key({ teamId });
    const error = (await ask(secret, PROMPT).then(
      () => null,
      (e: unknown) => e,
    )) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toMatchObject({ status: 403, code: "data_classification_blocked" });
    expect(error.message).toContain("codename, email, ticket_id");
  });

  it("a key cannot loosen the org: log_only at a higher level still redacts", async () => {
    const { id, secret } = await t.key();
    await updateClassificationSettings({ actor: t.adminActor, input: { keys: [{ keyId: id, maxLevel: "restricted", action: "log_only" }] } });
    await ask(secret, "about osprey");
    expect(JSON.stringify(fake.requests.at(-1)!.json)).toContain("about [REDACTED_CODENAME]");
  });
});

describe("updateClassificationSettings", () => {
  it("is for admins only", async () => {
    await expect(updateClassificationSettings({ actor: t.developerActor, input: { org: { maxLevel: "restricted" } } })).rejects.toMatchObject({
      status: 403,
      code: "forbidden",
    });
  });

  it("refuses patterns that could backtrack catastrophically, saying why", async () => {
    const input = { org: { patterns: [{ name: "bad", pattern: "(a+)+$", level: "restricted" as const }] } };
    await expect(updateClassificationSettings({ actor: t.adminActor, input })).rejects.toThrow(/nested repetition/);
  });

  it("refuses another org's team and key, and records an audit event", async () => {
    const other = await createTestOrg(fake.url);
    const otherKey = await other.key();
    await expect(updateClassificationSettings({ actor: t.adminActor, input: { keys: [{ keyId: otherKey.id, maxLevel: "public" }] } })).rejects.toMatchObject({
      code: "key_not_found",
    });
    await expect(updateClassificationSettings({ actor: t.adminActor, input: { teams: [{ teamId: "nope", maxLevel: "public" }] } })).rejects.toMatchObject({
      code: "team_not_found",
    });
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, action: { in: ["org.classification_updated", "team.classification_updated"] } } })).toBe(2);
  });
});

describe("findingsByTeamAndKey", () => {
  it("sums findings by team, key, action and class for admins", async () => {
    await usageQueue.flush();
    const range = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    const rows = await waitFor(async () => {
      const r = await findingsByTeamAndKey({ actor: t.adminActor, range });
      return r.length >= 5 && r;
    });
    const team = rows.filter((r) => r.teamName === "Support").map((r) => [r.action, r.detector, r.findings]);
    expect(team).toEqual([
      ["block", "codename", 1],
      ["block", "email", 1],
      ["block", "ticket_id", 1],
    ]);
    expect(
      rows
        .filter((r) => r.teamId === null)
        .map((r) => r.detector)
        .sort(),
    ).toEqual(["codename", "codename", "email"]);
    expect(rows.every((r) => r.keyName === "test key" && r.requests === 1)).toBe(true);
  });

  it("shapes the admin chart: findings per day stacked by team, with a per-key table", async () => {
    const chart = await findingsOverTime({
      actor: t.adminActor,
      range: { preset: "7d", from: new Date(Date.now() - 7 * 86_400_000), to: new Date(Date.now() + 60_000), granularity: "day" },
    });
    expect(chart.series.map((s) => s.label).sort()).toEqual(["No team", "Support"]);
    const totals = chart.series.map((s) => chart.rows.reduce((sum, row) => sum + (row[s.key] as number), 0));
    expect(totals.reduce((a, b) => a + b)).toBe(chart.table.reduce((sum, r) => sum + r.findings, 0));
    expect(chart.table.every((r) => !JSON.stringify(r).includes("jane@"))).toBe(true);
  });

  it("shows a developer only their own keys' findings", async () => {
    const range = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    const mine = await findingsByTeamAndKey({ actor: t.developerActor, range });
    expect(mine.length).toBeGreaterThan(0); // the test keys are owned by the developer
    const stranger = await createTestOrg(fake.url);
    expect(await findingsByTeamAndKey({ actor: stranger.developerActor, range })).toEqual([]);
  });
});
