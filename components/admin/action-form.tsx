"use client";
import { useActionState, useEffect } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { submitWithoutReset } from "@/components/keys/submit-without-reset";
import { FormErrorsProvider, useFormErrorsValue } from "@/components/forms/form-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/lib/utils";

type FormAction = (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

const NO_ERRORS: Record<string, string[]> = {};

/**
 * A form bound to a server action returning an ActionResult. It submits without React's form
 * reset: the reset would put what the person typed back to the stored values on an error, and
 * put selects back on their first-rendered option after a save. Each Field shows its own error;
 * the banner adds only what no field shows; a success is confirmed by a toast. Works without
 * JavaScript as a plain form post.
 */
export function ActionForm({
  action,
  submitLabel,
  success = "Saved.",
  className,
  children,
  testId,
  variant,
}: {
  action: FormAction;
  submitLabel: string;
  success?: string;
  className?: string;
  children: React.ReactNode;
  testId?: string;
  variant?: "default" | "outline" | "destructive";
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = useFormErrorsValue(state && !state.ok ? (state.error.fieldErrors ?? NO_ERRORS) : NO_ERRORS);
  const hasFieldErrors = state && !state.ok && Object.keys(state.error.fieldErrors ?? {}).length > 0;
  const toast = useToast();
  useEffect(() => {
    if (state?.ok) toast(typeof state.data === "string" ? state.data : success);
  }, [state, success, toast]);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className={cn("flex flex-col gap-4", className)} data-testid={testId} noValidate>
      <FormErrorsProvider value={errors.value}>{children}</FormErrorsProvider>
      {state && !state.ok && (
        <Alert variant="danger" data-testid="form-error">
          {hasFieldErrors ? "Please correct the highlighted fields." : state.error.message}
          {errors.unplaced.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {errors.unplaced.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      <div>
        <Button type="submit" disabled={pending} variant={variant}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
