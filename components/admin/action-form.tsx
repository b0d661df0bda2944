"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type FormAction = (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

/**
 * A form bound to a server action returning an ActionResult: shows field errors next to the
 * message, and a success note. Works without JavaScript as a plain form post.
 */
export function ActionForm({ action, submitLabel, success = "Saved.", className, children, testId, variant }: {
  action: FormAction;
  submitLabel: string;
  success?: string;
  className?: string;
  children: React.ReactNode;
  testId?: string;
  variant?: "default" | "outline" | "destructive";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const fieldErrors = state && !state.ok ? Object.entries(state.error.fieldErrors ?? {}) : [];
  return (
    <form action={formAction} className={cn("flex flex-col gap-4", className)} data-testid={testId}>
      {children}
      {state && !state.ok && (
        <Alert variant="danger" data-testid="form-error">
          {state.error.message}
          {fieldErrors.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {fieldErrors.map(([field, messages]) => <li key={field}>{field}: {messages.join(" ")}</li>)}
            </ul>
          )}
        </Alert>
      )}
      {state?.ok && <Alert variant="success" data-testid="form-success">{typeof state.data === "string" ? state.data : success}</Alert>}
      <div>
        <Button type="submit" disabled={pending} variant={variant}>{pending ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
