"use client";
import { useEffect, useState } from "react";
import { useFormErrors } from "@/components/forms/form-errors";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/**
 * A labelled control with an optional hint and, inside an ActionForm, its error. The error is
 * looked up by the control's own `name` (read from the DOM, so callers need not repeat it) and by
 * `errorKeys` (a verb's param for the same value); the control is marked invalid and described by
 * the hint and the error for screen readers.
 */
export function Field({
  id,
  label,
  hint,
  className,
  children,
  errorKeys = [],
}: {
  id: string;
  label: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
  errorKeys?: readonly string[];
}) {
  const form = useFormErrors();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => setName(document.getElementById(id)?.getAttribute("name") ?? null), [id]);
  const keys = [...(name ? [name] : []), ...errorKeys];
  const keyList = keys.join(" ");
  const messages = form?.messagesFor(keys) ?? [];
  const errorText = messages.join(" ");
  const place = form?.place;
  useEffect(() => (place && keyList ? place(keyList.split(" ")) : undefined), [place, keyList]);
  useEffect(() => {
    const control = document.getElementById(id);
    if (!control) return;
    const describedBy = [hint ? `${id}-hint` : null, errorText ? `${id}-error` : null].filter(Boolean).join(" ");
    if (describedBy) control.setAttribute("aria-describedby", describedBy);
    else control.removeAttribute("aria-describedby");
    if (errorText) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }, [id, hint, errorText]);
  return (
    <div className={cn("flex min-w-0 flex-col gap-1.5", className)} data-invalid={errorText ? "" : undefined}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {errorText && (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700 dark:text-red-400" data-testid="field-error">
          {errorText}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({ id, name, label, defaultChecked, hint }: { id: string; name: string; label: string; defaultChecked?: boolean; hint?: string }) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        className="mt-0.5 size-4 rounded border-zinc-300 accent-zinc-900 dark:border-zinc-600 dark:accent-zinc-100"
      />
      <div>
        <Label htmlFor={id}>{label}</Label>
        {hint && <p className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</p>}
      </div>
    </div>
  );
}
