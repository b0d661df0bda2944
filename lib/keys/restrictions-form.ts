// The key restrictions form (IP allowlist, denied models, providers, concurrency, per-request
// caps, token quotas, classification): FormData strings → updateKeyRestrictions' input.
import { z } from "zod";
import { listField, nullableNumberField, usdInput, wholeNumberInput } from "@/lib/actions/form-fields";
import { invalidPatternsMessage } from "@/lib/guardrails/model-pattern";
import { ACTIONS as SENSITIVITY_ACTIONS, LEVELS } from "@/lib/policy/classification/levels";
import { parseIpRule } from "@/lib/policy/ip-allow";
import { providerIds } from "@/lib/providers/registry";

export const QUOTA_PERIODS = ["daily", "weekly", "monthly", "lifetime"] as const;

const blankToNull = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(values).nullable());

export const RestrictionsForm = z
  .object({
    allowedProviders: z.array(z.enum(providerIds)).default([]),
    deniedModels: listField.superRefine((v, ctx) => {
      const message = invalidPatternsMessage(v);
      if (message) ctx.addIssue({ code: "custom", message });
    }),
    allowedIps: listField.superRefine((v, ctx) => {
      const bad = v.filter((ip) => parseIpRule(ip) === null);
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `${bad
            .slice(0, 3)
            .map((b) => `“${b}”`)
            .join(", ")}: not an IP address or CIDR range (e.g. 10.0.0.0/8 or 2001:db8::/32).`,
        });
    }),
    maxConcurrent: nullableNumberField(wholeNumberInput(10_000)),
    maxOutputTokens: nullableNumberField(wholeNumberInput(10_000_000)),
    maxRequestCostUsd: nullableNumberField(usdInput(10_000)),
    q_daily: nullableNumberField(wholeNumberInput(100_000_000_000)),
    q_weekly: nullableNumberField(wholeNumberInput(100_000_000_000)),
    q_monthly: nullableNumberField(wholeNumberInput(100_000_000_000)),
    q_lifetime: nullableNumberField(wholeNumberInput(100_000_000_000)),
    maxSensitivity: blankToNull(LEVELS),
    sensitivityAction: blankToNull(SENSITIVITY_ACTIONS),
  })
  .transform(({ q_daily, q_weekly, q_monthly, q_lifetime, ...rest }) => ({
    ...rest,
    tokenQuotas: { daily: q_daily, weekly: q_weekly, monthly: q_monthly, lifetime: q_lifetime },
  }));
export type RestrictionsForm = z.output<typeof RestrictionsForm>;
