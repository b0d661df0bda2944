import { describe, expect, it } from "vitest";
import { evaluateAgainstGuardrails, evaluateChange, isCovered, looserFields } from "@/lib/guardrails/evaluate";
import { resolveGuardrails } from "@/lib/guardrails/resolve";
import { KeyValues } from "@/lib/guardrails/schemas";

const guardrails = resolveGuardrails({
  defaultKeyPolicy: { models: ["echo"], spendCapUsd: 5, rpmLimit: 60, tpmLimit: 10_000, expiresInDays: 30 },
  maxKeyPolicy: {
    allowedModels: ["echo", "gpt-4o-mini*", "openai/gpt-4.1*"],
    maxMonthlySpendUsd: 50,
    maxRpm: 600,
    maxTpm: 100_000,
    maxLifetimeDays: 90,
    allowNoExpiry: false,
    maxActiveKeys: 3,
  },
  approvalRules: { onExceed: { teamKey: "forbidden" } },
});
const ask = (over: Partial<KeyValues> & { teamId?: string } = {}) => ({ ...KeyValues.parse(guardrails.defaults), ...over });

describe("evaluateAgainstGuardrails", () => {
  it("grants the defaults as they are", () => {
    expect(evaluateAgainstGuardrails(ask(), guardrails, { activeKeys: 0 })).toEqual({ withinLimits: true, exceeded: [], forbidden: [] });
  });

  it("flags each model outside the allowlist, and an empty list (every model)", () => {
    const r = evaluateAgainstGuardrails(ask({ models: ["echo", "gpt-4o*", "claude-3"] }), guardrails);
    expect(r.exceeded).toEqual([{ field: "models", asked: ["gpt-4o*", "claude-3"], allowed: guardrails.limits.allowedModels }]);
    expect(evaluateAgainstGuardrails(ask({ models: [] }), guardrails).exceeded[0]).toMatchObject({ field: "models", asked: [] });
  });

  it("compares spend caps as 30-day equivalents", () => {
    expect(evaluateAgainstGuardrails(ask({ spendCapUsd: 50 }), guardrails).withinLimits).toBe(true);
    expect(evaluateAgainstGuardrails(ask({ spendCapUsd: 50, spendPeriod: "lifetime" }), guardrails).withinLimits).toBe(true);
    const daily = evaluateAgainstGuardrails(ask({ spendCapUsd: 2, spendPeriod: "daily" }), guardrails);
    expect(daily.exceeded).toEqual([{ field: "spendCapUsd", asked: 60, allowed: 50 }]);
    expect(evaluateAgainstGuardrails(ask({ spendCapUsd: null }), guardrails).exceeded).toEqual([{ field: "spendCapUsd", asked: null, allowed: 50 }]);
  });

  it("flags rate limits over the maximum or missing", () => {
    const r = evaluateAgainstGuardrails(ask({ rpmLimit: 601, tpmLimit: null }), guardrails);
    expect(r.exceeded.map((e) => [e.field, e.asked, e.allowed])).toEqual([
      ["rpmLimit", 601, 600],
      ["tpmLimit", null, 100_000],
    ]);
  });

  it("enforces the longest lifetime and whether keys may never expire", () => {
    expect(evaluateAgainstGuardrails(ask({ expiresInDays: 91 }), guardrails).exceeded).toEqual([{ field: "expiresInDays", asked: 91, allowed: 90 }]);
    expect(evaluateAgainstGuardrails(ask({ expiresInDays: null }), guardrails).exceeded[0]?.field).toBe("expiresInDays");
    const open = resolveGuardrails({ defaultKeyPolicy: {}, maxKeyPolicy: { maxLifetimeDays: 90 } });
    expect(evaluateAgainstGuardrails(ask({ expiresInDays: null }), open).withinLimits).toBe(true);
  });

  it("counts the requester's active keys, and refuses what the approval rules forbid", () => {
    expect(evaluateAgainstGuardrails(ask(), guardrails, { activeKeys: 3 }).exceeded).toEqual([{ field: "activeKeys", asked: 4, allowed: 3 }]);
    const team = evaluateAgainstGuardrails(ask({ teamId: "t1" }), guardrails);
    expect(team.forbidden).toEqual([{ field: "teamKey", asked: true, allowed: false }]);
  });

  it("lets anything through for an org with no guardrails configured", () => {
    const open = resolveGuardrails({ defaultKeyPolicy: {}, maxKeyPolicy: {} });
    expect(evaluateAgainstGuardrails(ask({ models: [], spendCapUsd: null, rpmLimit: null, expiresInDays: null }), open, { activeKeys: 99 }).withinLimits).toBe(
      true,
    );
  });
});

describe("model coverage", () => {
  it("treats a requested wildcard as covered only by a wider allowed wildcard", () => {
    expect(isCovered("gpt-4o-mini-2024", ["gpt-4o-mini*"])).toBe(true);
    expect(isCovered("gpt-4o*", ["gpt-*"])).toBe(true);
    expect(isCovered("gpt-*", ["gpt-4o*"])).toBe(false);
    expect(isCovered("openai/gpt-4o-mini", ["gpt-4o-mini*"])).toBe(true);
    expect(isCovered("gpt-4.1", ["openai/gpt-4.1*"])).toBe(false);
    expect(isCovered("openai/gpt-4.1-mini", ["openai/gpt-4.1*"])).toBe(true);
  });
});

describe("looserFields and evaluateChange", () => {
  const granted = ask({ spendCapUsd: 500, rpmLimit: 1000 });

  it("lists only the fields that grant more", () => {
    expect(looserFields(ask({ spendCapUsd: 1, rpmLimit: 10 }), ask())).toEqual([]);
    expect(looserFields(ask({ models: ["echo", "x"], rpmLimit: null }), ask())).toEqual(["models", "rpmLimit"]);
    expect(looserFields(ask({ expiresInDays: null }), ask())).toEqual(["expiresInDays"]);
  });

  it("lets an approved key above the maximum be tightened without a new request", () => {
    expect(evaluateChange({ ...granted, rpmLimit: 900 }, granted, guardrails).withinLimits).toBe(true);
    const raised = evaluateChange({ ...granted, spendCapUsd: 600 }, granted, guardrails);
    expect(raised.exceeded.map((e) => e.field)).toEqual(["spendCapUsd"]);
  });
});
