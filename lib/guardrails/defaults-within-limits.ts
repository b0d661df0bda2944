// The defaults a new key starts from must themselves be within the maxima: otherwise every
// developer's prefilled form would already need an approver. Pure, so verbs and tests share it.
import { InvalidRequestError } from "@/lib/errors";
import { evaluateAgainstGuardrails } from "@/lib/guardrails/evaluate";
import type { Exceeded, Guardrails } from "@/lib/guardrails/schemas";

const usd = (v: unknown) => `$${Number(v).toLocaleString("en-US", { maximumFractionDigits: 2 })}`;

function describe(e: Exceeded): { field: string; message: string } {
  switch (e.field) {
    case "models":
      return { field: "models", message: `The default models reach beyond the allowed models (${(e.allowed as string[]).join(", ")}).` };
    case "spendCapUsd":
      return e.asked === null
        ? { field: "spendCapUsd", message: `A default spend cap is needed: the maximum is ${usd(e.allowed)} a month.` }
        : { field: "spendCapUsd", message: `The default spend cap (${usd(e.asked)} a month) is above the maximum (${usd(e.allowed)} a month).` };
    case "rpmLimit":
    case "tpmLimit": {
      const unit = e.field === "rpmLimit" ? "requests/min" : "tokens/min";
      return e.asked === null
        ? { field: e.field, message: `A default ${unit} limit is needed: the maximum is ${Number(e.allowed).toLocaleString("en-US")}.` }
        : {
            field: e.field,
            message: `The default ${unit} (${Number(e.asked).toLocaleString("en-US")}) is above the maximum (${Number(e.allowed).toLocaleString("en-US")}).`,
          };
    }
    case "expiresInDays":
      return e.asked === null
        ? { field: "expiresInDays", message: "Keys must expire under these maxima: set a default lifetime." }
        : { field: "expiresInDays", message: `The default lifetime (${e.asked} days) is above the maximum (${e.allowed} days).` };
    default:
      return { field: e.field, message: "The defaults are above the maxima." };
  }
}

/** Throws for the first default above its maximum; the param names the default's field. */
export function assertDefaultsWithinLimits(guardrails: Guardrails): void {
  const { exceeded } = evaluateAgainstGuardrails(guardrails.defaults, guardrails);
  const first = exceeded[0];
  if (!first) return;
  const { field, message } = describe(first);
  throw new InvalidRequestError(message, `defaultKeyPolicy.${field}`, "default_above_maximum");
}
