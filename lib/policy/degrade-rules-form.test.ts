// The degrade-rule editor's rows back into rules, each problem under the input that caused it.
import { describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { parseDegradeRulesForm } from "@/lib/policy/degrade-rules-form";

const errorsOf = (form: Record<string, string>) => {
  try {
    parseDegradeRulesForm(form);
  } catch (err) {
    if (err instanceof ZodError) return z.flattenError(err).fieldErrors;
    throw err;
  }
  throw new Error("expected the form to be refused");
};

describe("parseDegradeRulesForm", () => {
  it("reads routing and throttling rows, skips blank ones", () => {
    const rules = parseDegradeRulesForm({
      ruleCount: "3",
      "rule-0-name": "cheaper",
      "rule-0-atPercent": "80",
      "rule-0-from": "gpt-4o*",
      "rule-0-to": "gpt-4o-mini",
      "rule-1-name": "",
      "rule-2-name": "slow",
      "rule-2-atPercent": "95.5",
      "rule-2-throttleRpm": "10",
    });
    expect(rules).toEqual([
      { name: "cheaper", atPercent: 80, route: { from: "gpt-4o*", to: "gpt-4o-mini" } },
      { name: "slow", atPercent: 95.5, throttleRpm: 10 },
    ]);
  });

  it("reports each problem under its own input", () => {
    expect(errorsOf({ ruleCount: "1", "rule-0-name": "x", "rule-0-atPercent": "150", "rule-0-throttleRpm": "2.5" })).toEqual({
      "rule-0-atPercent": ["A share of the cap between 1 and 100 %."],
      "rule-0-throttleRpm": ["A whole number of requests per minute."],
    });
    expect(errorsOf({ ruleCount: "1", "rule-0-name": "x", "rule-0-atPercent": "50" })).toEqual({ "rule-0-to": ["Route to a model, throttle, or both."] });
    expect(errorsOf({ ruleCount: "1", "rule-0-atPercent": "50", "rule-0-from": "gpt-*" })).toMatchObject({
      "rule-0-name": ["Give the rule a name (at most 60 characters)."],
      "rule-0-to": ["The model to send matching requests to."],
    });
  });

  it("refuses two rules with one name, under the second", () => {
    const row = (i: number) => ({ [`rule-${i}-name`]: "same", [`rule-${i}-atPercent`]: "50", [`rule-${i}-throttleRpm`]: "5" });
    expect(errorsOf({ ruleCount: "2", ...row(0), ...row(1) })).toEqual({ "rule-1-name": ["Rule names must be unique."] });
  });
});
