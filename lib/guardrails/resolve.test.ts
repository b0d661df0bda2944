import { describe, expect, it } from "vitest";
import { resolveGuardrails } from "@/lib/guardrails/resolve";
import { OPEN_LIMITS } from "@/lib/guardrails/schemas";

describe("resolveGuardrails", () => {
  it("fills unset fields with open limits and plain defaults", () => {
    const g = resolveGuardrails({ defaultKeyPolicy: {}, maxKeyPolicy: {}, approvalRules: {} });
    expect(g.limits).toEqual(OPEN_LIMITS);
    expect(g.defaults).toEqual({ models: [], rpmLimit: null, tpmLimit: null, spendCapUsd: null, spendPeriod: "monthly", expiresInDays: null });
    expect(new Set(Object.values(g.approval))).toEqual(new Set(["approval"]));
  });

  it("lets a team override its org field by field, including an explicit null", () => {
    const org = {
      defaultKeyPolicy: { spendCapUsd: 5, rpmLimit: 60 },
      maxKeyPolicy: { maxMonthlySpendUsd: 50, maxRpm: 600, allowedModels: ["echo"] },
    };
    const g = resolveGuardrails(org, { defaultKeyPolicy: { spendCapUsd: 20 }, maxKeyPolicy: { maxMonthlySpendUsd: 200, maxRpm: null, allowTeamKeys: true } });
    expect(g.defaults).toMatchObject({ spendCapUsd: 20, rpmLimit: 60 });
    expect(g.limits).toMatchObject({ maxMonthlySpendUsd: 200, maxRpm: null, allowedModels: ["echo"], allowTeamKeys: true });
    expect(resolveGuardrails(org, { defaultKeyPolicy: null, maxKeyPolicy: null }).limits.maxRpm).toBe(600);
  });

  it("fails closed on a malformed stored policy", () => {
    expect(() => resolveGuardrails({ defaultKeyPolicy: {}, maxKeyPolicy: { maxRpm: "lots" } })).toThrow(/not valid/);
  });
});
