import type { Evaluation } from "@/lib/guardrails/evaluate";
import { describeExceeded } from "@/components/keys/guardrail-format";
import { Alert } from "@/components/ui/alert";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

/** Shown once an ask goes past the guardrails: what needs approval, and why the person needs it. */
export function ApprovalPanel({ evaluation, error, idPrefix }: { evaluation: Evaluation; error?: string; idPrefix: string }) {
  if (evaluation.forbidden.length) {
    return (
      <Alert variant="danger" data-testid="guardrail-forbidden">
        Your organisation does not allow this, even with approval: {evaluation.forbidden.map((e) => describeExceeded(e).label.toLowerCase()).join(", ")}.
      </Alert>
    );
  }
  return (
    <div
      data-testid="approval-panel"
      className="flex flex-col gap-3 rounded-md border border-amber-200 bg-amber-50/60 p-3 dark:border-amber-900/60 dark:bg-amber-950/30"
    >
      <div>
        <p className="text-sm font-medium text-amber-900 dark:text-amber-200">This needs approval</p>
        <p className="text-xs text-amber-800 dark:text-amber-300/80">It goes beyond what you can give yourself. An approver will see it with your reason.</p>
      </div>
      <ul className="flex flex-col gap-1 text-sm">
        {evaluation.exceeded.map((e) => {
          const d = describeExceeded(e);
          return (
            <li key={e.field} data-testid="exceeded-item" className="flex flex-wrap gap-x-2">
              <span className="font-medium">{d.label}:</span>
              <span>{d.asked}</span>
              <span className="text-zinc-500 dark:text-zinc-400">({d.allowed})</span>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${idPrefix}-justification`}>Why do you need it?</Label>
        <Textarea
          id={`${idPrefix}-justification`}
          name="justification"
          required
          placeholder="e.g. Evaluating gpt-4o for the support bot until the end of the month."
          aria-invalid={error ? true : undefined}
        />
        {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
      </div>
    </div>
  );
}
