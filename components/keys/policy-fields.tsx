"use client";
import type { KeyLimits } from "@/lib/guardrails/schemas";
import type { KeyFormField } from "@/lib/keys/portal-form";
import { periodLabel } from "@/components/admin/labels";
import { SPEND_PERIODS } from "@/lib/guardrails/schemas";
import { formatCount, formatUsd } from "@/components/keys/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

export type PolicyStrings = Record<KeyFormField, string>;
type Props = {
  values: PolicyStrings;
  onChange: (field: KeyFormField, value: string) => void;
  errors?: Record<string, string[] | undefined>;
  /** The maximum without approval, or null when the guardrails do not apply to this person. */
  limits: KeyLimits | null;
  idPrefix: string;
};

function hints(limits: KeyLimits | null): Record<KeyFormField, string> {
  const without = (what: string | null, empty: string) => (what ? `Up to ${what} without approval.` : empty);
  return {
    models: limits?.allowedModels.length
      ? `Without approval: ${limits.allowedModels.join(", ")}.`
      : "Comma-separated patterns such as gpt-4o*. Empty: every model your org allows.",
    rpmLimit: without(limits?.maxRpm ? formatCount(limits.maxRpm) : null, "Empty: no limit."),
    tpmLimit: without(limits?.maxTpm ? formatCount(limits.maxTpm) : null, "Empty: no limit."),
    spendCapUsd: without(limits?.maxMonthlySpendUsd ? `${formatUsd(limits.maxMonthlySpendUsd)} per 30 days` : null, "Empty: no cap."),
    spendPeriod: "When the cap resets.",
    expiresInDays: [
      limits?.maxLifetimeDays ? `Up to ${limits.maxLifetimeDays} days without approval.` : "",
      limits && !limits.allowNoExpiry ? "Keys must expire." : "Empty: never expires.",
    ]
      .join(" ")
      .trim(),
  };
}

const NUMBER_FIELDS = [
  { name: "rpmLimit", label: "Requests / minute", placeholder: "No limit", step: "1" },
  { name: "tpmLimit", label: "Tokens / minute", placeholder: "No limit", step: "1" },
  { name: "spendCapUsd", label: "Spend cap (USD)", placeholder: "No cap", step: "any" },
] as const;

/** The policy inputs shared by the create, edit and approve forms, with the guardrail beside each. */
export function PolicyFields({ values, onChange, errors, limits, idPrefix }: Props) {
  const hint = hints(limits);
  const field = (name: KeyFormField, label: string, control: React.ReactNode, className = "") => {
    const error = errors?.[name]?.[0];
    return (
      <div key={name} className={`flex flex-col gap-1.5 ${className}`}>
        <Label htmlFor={`${idPrefix}-${name}`}>{label}</Label>
        {control}
        <p id={`${idPrefix}-${name}-note`} className={error ? "text-xs text-red-600 dark:text-red-400" : "text-xs text-zinc-500 dark:text-zinc-400"}>
          {error ?? hint[name]}
        </p>
      </div>
    );
  };
  const common = (name: KeyFormField) => ({
    id: `${idPrefix}-${name}`,
    name,
    value: values[name],
    "aria-invalid": errors?.[name] ? true : undefined,
    "aria-describedby": `${idPrefix}-${name}-note`,
  });

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {field(
        "models",
        "Allowed models",
        <Input {...common("models")} placeholder="echo, gpt-4o*" onChange={(e) => onChange("models", e.target.value)} />,
        "sm:col-span-2",
      )}
      {NUMBER_FIELDS.map((f) =>
        field(
          f.name,
          f.label,
          <Input
            {...common(f.name)}
            type="number"
            inputMode="decimal"
            min={0}
            step={f.step}
            placeholder={f.placeholder}
            onChange={(e) => onChange(f.name, e.target.value)}
          />,
        ),
      )}
      {field(
        "spendPeriod",
        "Spend cap period",
        <Select {...common("spendPeriod")} onChange={(e) => onChange("spendPeriod", e.target.value)}>
          {SPEND_PERIODS.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </Select>,
      )}
      {field(
        "expiresInDays",
        "Expires in (days)",
        <Input
          {...common("expiresInDays")}
          type="number"
          inputMode="numeric"
          min={1}
          step="1"
          placeholder="Never"
          onChange={(e) => onChange("expiresInDays", e.target.value)}
        />,
      )}
    </div>
  );
}
