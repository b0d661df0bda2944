// How guardrail overruns read on screen, for the create/edit forms and the approvers' queue.
import type { Exceeded, GuardrailField, KeyValues } from "@/lib/guardrails/schemas";
import { formatCount, formatUsd } from "@/components/keys/format";
import { periodSuffix } from "@/components/admin/labels";

export const FIELD_LABELS: Record<GuardrailField, string> = {
  models: "Models",
  spendCapUsd: "Spend cap (per 30 days)",
  rpmLimit: "Requests / minute",
  tpmLimit: "Tokens / minute",
  expiresInDays: "Lifetime",
  activeKeys: "Active keys",
  teamKey: "Team key",
  tools: "MCP tools",
};

const num = (v: unknown) => (typeof v === "number" ? v : null);

export function describeExceeded(e: Exceeded): { label: string; asked: string; allowed: string } {
  const label = FIELD_LABELS[e.field];
  switch (e.field) {
    case "models": {
      const asked = Array.isArray(e.asked) && e.asked.length ? e.asked.join(", ") : "every model";
      return { label, asked, allowed: Array.isArray(e.allowed) ? `only ${e.allowed.join(", ")}` : "" };
    }
    case "spendCapUsd":
      return { label, asked: num(e.asked) === null ? "no cap" : formatUsd(num(e.asked)!), allowed: `up to ${formatUsd(num(e.allowed) ?? 0)}` };
    case "rpmLimit":
    case "tpmLimit":
    case "activeKeys":
      return { label, asked: num(e.asked) === null ? "unlimited" : formatCount(num(e.asked)!), allowed: `up to ${formatCount(num(e.allowed) ?? 0)}` };
    case "expiresInDays":
      return {
        label,
        asked: num(e.asked) === null ? "never expires" : `${num(e.asked)} days`,
        allowed: num(e.allowed) === null ? "must expire" : `up to ${num(e.allowed)} days`,
      };
    case "teamKey":
      return { label, asked: "owned by a team", allowed: "this team does not allow team keys" };
    case "tools": {
      const asked = Array.isArray(e.asked) && e.asked.length ? e.asked.join(", ") : "every tool";
      return { label, asked, allowed: Array.isArray(e.allowed) ? `only ${e.allowed.join(", ")}` : "" };
    }
  }
}

/** One line per policy value, for summaries of what was asked or granted. */
export function summarizeValues(v: KeyValues): { label: string; value: string }[] {
  return [
    { label: "Models", value: v.models.length ? v.models.join(", ") : "every model" },
    { label: "Spend cap", value: v.spendCapUsd === null ? "no cap" : `${formatUsd(v.spendCapUsd)} ${periodSuffix(v.spendPeriod)}` },
    { label: "Requests / minute", value: v.rpmLimit === null ? "unlimited" : formatCount(v.rpmLimit) },
    { label: "Tokens / minute", value: v.tpmLimit === null ? "unlimited" : formatCount(v.tpmLimit) },
    { label: "Expires", value: v.expiresInDays === null ? "never" : `after ${v.expiresInDays} days` },
  ];
}
