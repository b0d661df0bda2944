import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createKey } from "@/lib/keys/create";
import { listKeysWithSpend } from "@/lib/keys/list-with-spend";
import { getKeyUsageHistory } from "@/lib/keys/usage-history";
import { spendByUser } from "@/lib/usage/queries-for-keys";
import { createGuardedOrg, type GuardedOrg } from "@/tests/helpers/guarded-org";

const DAY = 86_400_000;
let t: GuardedOrg;
let monthly: string;
let daily: string;

async function usage(keyId: string, costUsd: number, at: number) {
  await db.usageEvent.create({
    data: {
      id: randomUUID(),
      orgId: t.org.id,
      keyId,
      userId: t.developer.user.id,
      endpoint: "chat.completions",
      costUsd,
      status: 200,
      outcome: "success",
      latencyMs: 5,
      inputTokens: 10,
      outputTokens: 5,
      createdAt: new Date(at),
    },
  });
}

beforeAll(async () => {
  t = await createGuardedOrg();
  const owner = { ownerUserId: t.developer.user.id };
  monthly = (await createKey({ actor: t.admin.actor, input: { name: "monthly", ...owner, budgets: [{ kind: "spend", period: "monthly", limit: 5 }] } })).id;
  daily = (await createKey({ actor: t.admin.actor, input: { name: "daily", ...owner, budgets: [{ kind: "spend", period: "daily", limit: 1 }] } })).id;
  const now = Date.now();
  await usage(monthly, 1.25, now - 1_000);
  await usage(monthly, 2, now - 70 * DAY);
  await usage(daily, 0.5, now - 1_000);
  await usage(daily, 0.25, now - 3 * DAY);
});

describe("spend for the portal", () => {
  it("sums each key's spend over its own budget period", async () => {
    const keys = await listKeysWithSpend({ actor: t.developer.actor });
    const byName = Object.fromEntries(keys.map((k) => [k.name, k.spend]));
    expect(byName.monthly).toMatchObject({ usd: 1.25, capUsd: 5, period: "monthly" });
    expect(byName.daily).toMatchObject({ usd: 0.5, capUsd: 1, period: "daily" });
  });

  it("filters by name and derived status, and never shows another org's keys", async () => {
    expect((await listKeysWithSpend({ actor: t.developer.actor, filter: { q: "DAI" } })).map((k) => k.name)).toEqual(["daily"]);
    expect(await listKeysWithSpend({ actor: t.developer.actor, filter: { status: "revoked" } })).toEqual([]);
    const other = await createGuardedOrg();
    expect(await listKeysWithSpend({ actor: other.admin.actor })).toEqual([]);
  });

  it("gives a key's daily history with empty days filled in", async () => {
    const days = await getKeyUsageHistory({ actor: t.developer.actor, keyId: daily });
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toMatchObject({ spendUsd: 0.5, requests: 1, tokens: 15 });
    expect(days.reduce((n, d) => n + d.requests, 0)).toBe(2);
    await expect(getKeyUsageHistory({ actor: t.approver.actor, keyId: daily })).resolves.toHaveLength(30);
    const other = await createGuardedOrg();
    await expect(getKeyUsageHistory({ actor: other.admin.actor, keyId: daily })).rejects.toMatchObject({ status: 404 });
  });

  it("sums a person's recent spend for the approvers' queue", async () => {
    const spend = await spendByUser(t.org.id, [t.developer.user.id], new Date(Date.now() - 30 * DAY));
    expect(spend.get(t.developer.user.id)).toBeCloseTo(2, 8);
  });
});
