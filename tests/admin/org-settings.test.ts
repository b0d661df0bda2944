// Org settings, guardrails, spend caps and the price catalog view: admin-only, org-scoped, audited.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { listAuditEvents } from "@/lib/audit/list";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { getOrgSettings } from "@/lib/orgs/get-settings";
import { updateOrgGuardrails } from "@/lib/orgs/update-guardrails";
import { updateOrgSettings } from "@/lib/orgs/update-settings";
import { getPriceCatalog } from "@/lib/prices/catalog";
import { resolveGuardrails } from "@/lib/guardrails/resolve";

let t: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
});

describe("org settings", () => {
  it("saves rules and the org cap in one audited change, and reads them back", async () => {
    await updateOrgSettings({
      actor: t.adminActor,
      input: {
        timeZone: "Europe/Paris",
        allowedProviders: ["openai", "mock"],
        allowedModels: ["gpt-4o*"],
        allowUnpricedModels: true,
        spendCap: { limitUsd: 500, period: "monthly" },
      },
    });
    const settings = await getOrgSettings({ actor: t.adminActor });
    expect(settings).toMatchObject({ timeZone: "Europe/Paris", allowedProviders: ["openai", "mock"], allowedModels: ["gpt-4o*"], allowUnpricedModels: true });
    expect(settings.spendCap).toMatchObject({ limitUsd: 500, period: "monthly" });
    const { events } = await listAuditEvents({ actor: t.adminActor, filter: { action: "org.updated" } });
    expect(events[0]?.metadata).toMatchObject({
      before: { timeZone: "UTC", spendCap: null },
      after: { timeZone: "Europe/Paris", spendCap: { limitUsd: 500 } },
    });
  });

  it("changes the cap in place (same budget id, so the gateway's running total carries over) and removes it with null", async () => {
    const first = (await getOrgSettings({ actor: t.adminActor })).spendCap!;
    await updateOrgSettings({ actor: t.adminActor, input: { spendCap: { limitUsd: 50, period: "weekly" } } });
    const second = (await getOrgSettings({ actor: t.adminActor })).spendCap!;
    expect(second).toEqual({ budgetId: first.budgetId, limitUsd: 50, period: "weekly" });
    await setSpendCap({ actor: t.adminActor, input: { target: { scope: "org" }, cap: { limitUsd: null, period: "monthly" } } });
    expect((await getOrgSettings({ actor: t.adminActor })).spendCap).toBeNull();
  });

  it("refuses an unknown time zone", async () => {
    await expect(updateOrgSettings({ actor: t.adminActor, input: { timeZone: "Mars/Olympus" } })).rejects.toThrow();
  });

  it("stores guardrails the self-service checks read back", async () => {
    await updateOrgGuardrails({
      actor: t.adminActor,
      input: {
        defaultKeyPolicy: { models: ["echo"], spendCapUsd: 5, expiresInDays: 30 },
        maxKeyPolicy: { maxMonthlySpendUsd: 20, allowNoExpiry: false },
        approvalRules: { onExceed: { tpmLimit: "forbidden" } },
      },
    });
    const org = await db.organization.findUniqueOrThrow({ where: { id: t.org.id } });
    const g = resolveGuardrails(org);
    expect(g.defaults).toMatchObject({ models: ["echo"], spendCapUsd: 5 });
    expect(g.limits).toMatchObject({ maxMonthlySpendUsd: 20, allowNoExpiry: false, maxRpm: null });
    expect(g.approval.tpmLimit).toBe("forbidden");
    await expect(updateOrgGuardrails({ actor: t.adminActor, input: { defaultKeyPolicy: { rpmLimit: -1 }, maxKeyPolicy: {} } })).rejects.toThrow();
  });

  it("refuses defaults above the maxima, naming the default's field", async () => {
    const refused = (defaultKeyPolicy: Record<string, unknown>, maxKeyPolicy: Record<string, unknown>) =>
      updateOrgGuardrails({ actor: t.adminActor, input: { defaultKeyPolicy, maxKeyPolicy } });
    await expect(refused({ rpmLimit: 500 }, { maxRpm: 100 })).rejects.toMatchObject({
      status: 400,
      param: "defaultKeyPolicy.rpmLimit",
      code: "default_above_maximum",
    });
    await expect(refused({ spendCapUsd: 5, spendPeriod: "daily" }, { maxMonthlySpendUsd: 100 })).rejects.toMatchObject({
      param: "defaultKeyPolicy.spendCapUsd",
    });
    await expect(refused({ models: ["gpt-4o"] }, { allowedModels: ["echo"] })).rejects.toMatchObject({ param: "defaultKeyPolicy.models" });
    await expect(refused({}, { allowNoExpiry: false })).rejects.toMatchObject({ param: "defaultKeyPolicy.expiresInDays" });
    await expect(refused({ rpmLimit: 100, models: ["echo"] }, { maxRpm: 100, allowedModels: ["ech*"] })).resolves.toBeUndefined();
  });

  it("refuses model patterns outside the glob grammar", async () => {
    for (const bad of ["[[[", "***", "gpt 4o", "<script>"]) {
      await expect(
        updateOrgGuardrails({ actor: t.adminActor, input: { defaultKeyPolicy: {}, maxKeyPolicy: { allowedModels: [bad] } } }),
        bad,
      ).rejects.toThrow();
      await expect(updateOrgSettings({ actor: t.adminActor, input: { allowedModels: [bad] } }), bad).rejects.toThrow();
    }
    await updateOrgSettings({ actor: t.adminActor, input: { allowedModels: ["gpt-4o*", "anthropic/*", "claude-*-haiku*"] } });
  });

  it("caller without permission is rejected", async () => {
    await expect(getOrgSettings({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
    await expect(updateOrgSettings({ actor: t.developerActor, input: { timeZone: "UTC" } })).rejects.toMatchObject({ status: 403 });
    await expect(updateOrgGuardrails({ actor: t.developerActor, input: { defaultKeyPolicy: {}, maxKeyPolicy: {} } })).rejects.toMatchObject({ status: 403 });
    await expect(setSpendCap({ actor: t.developerActor, input: { target: { scope: "org" }, cap: { limitUsd: 1, period: "daily" } } })).rejects.toMatchObject({
      status: 403,
    });
  });

  it("cannot touch another org's row", async () => {
    await updateOrgSettings({ actor: t.adminActor, input: { name: "Renamed" } });
    expect((await db.organization.findUniqueOrThrow({ where: { id: other.org.id } })).name).toBe(other.org.name);
    // A team or member id of another org is simply not found.
    const foreignTeam = await db.team.create({ data: { orgId: other.org.id, slug: "x", name: "X" } });
    await expect(
      setSpendCap({ actor: t.adminActor, input: { target: { scope: "team", teamId: foreignTeam.id }, cap: { limitUsd: 1, period: "daily" } } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      setSpendCap({ actor: t.adminActor, input: { target: { scope: "user", userId: other.admin.id }, cap: { limitUsd: 1, period: "daily" } } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await db.budget.count({ where: { orgId: other.org.id } })).toBe(0);
  });
});

describe("price catalog", () => {
  it("shows catalog prices, org overrides and flags routed models without a price", async () => {
    await db.modelRoute.create({ data: { orgId: t.org.id, publicName: "mystery", credentialId: t.credentials.openai.id, upstreamModel: "mystery-1" } });
    await db.modelPrice.create({ data: { orgId: t.org.id, provider: "openai", model: "gpt-4o-mini", inputPerMTok: 0.1, outputPerMTok: 0.2 } });
    const catalog = await getPriceCatalog({ actor: t.adminActor });
    expect(catalog.catalog).toMatchObject({ source: "@pydantic/genai-prices", asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const own = catalog.rows.find((r) => r.model === "gpt-4o-mini" && r.provider === "openai");
    // The org price sets input and output; cached input falls back to input, cache writes too (OpenAI bills none).
    expect(own).toMatchObject({
      source: "org",
      routed: true,
      rates: { inputPerMTok: 0.1, outputPerMTok: 0.2, cachedInputPerMTok: 0.1, cacheWrite1hPerMTok: 0.1, reasoningPerMTok: 0.2 },
    });
    expect(own?.serviceTiers.map((s) => s.tier)).toEqual(["flex", "priority"]);
    expect(catalog.unpriced).toContainEqual(expect.objectContaining({ publicName: "mystery", model: "mystery-1" }));
    const theirs = (await getPriceCatalog({ actor: other.adminActor })).rows.find((r) => r.model === "gpt-4o-mini" && r.provider === "openai");
    expect(theirs).toMatchObject({ source: "catalog", rates: { inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6 } });
    await expect(getPriceCatalog({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
  });
});
