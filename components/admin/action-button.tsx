"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonProps } from "@/components/ui/button";

/** An action that ran but whose outcome is bad news (e.g. a failed connection test) returns this. */
export type Failure = { failure: string };
const isFailure = (d: unknown): d is Failure => typeof d === "object" && d !== null && typeof (d as Failure).failure === "string";

/**
 * One click, one server action (bound with its ids on the server). A `confirm` text asks first;
 * a string result is shown beside the button (e.g. a connection test's latency).
 */
export function ActionButton({ action, label, pendingLabel, confirm, variant = "outline", size = "sm", ariaLabel }: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  ariaLabel?: string;
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  function run() {
    if (confirm && !window.confirm(confirm)) return;
    start(async () => {
      const r = await action();
      setResult(!r.ok ? { ok: false, text: r.error.message } : typeof r.data === "string" ? { ok: true, text: r.data } : isFailure(r.data) ? { ok: false, text: r.data.failure } : null);
    });
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button variant={variant} size={size} disabled={pending} onClick={run} aria-label={ariaLabel}>{pending ? (pendingLabel ?? `${label}…`) : label}</Button>
      {result && (
        <span role="status" data-testid="action-result" className={result.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-700 dark:text-red-400"}>
          {result.text}
        </span>
      )}
    </span>
  );
}
