// Shared steps of the two self-service verbs once the guardrails have been evaluated.
import { InvalidRequestError, PermissionError } from "@/lib/errors";
import type { Evaluation } from "@/lib/guardrails/evaluate";
import { Justification } from "@/lib/key-requests/schemas";

export function refuseForbidden(evaluation: Evaluation): void {
  if (evaluation.forbidden.length === 0) return;
  throw new PermissionError("guardrail_forbidden", "Your organisation does not allow this, even with approval.", {
    fields: evaluation.forbidden.map((e) => e.field),
  });
}

/** An approver needs a reason to judge by; asked for only once the ask turns out to need approval. */
export function requireJustification(text: string): string {
  const parsed = Justification.safeParse(text);
  if (!parsed.success) {
    throw new InvalidRequestError(
      text.trim() ? (parsed.error.issues[0]?.message ?? "Explain why you need this.") : "This needs approval: say why you need it.",
      "justification",
      "justification_required",
    );
  }
  return parsed.data;
}
