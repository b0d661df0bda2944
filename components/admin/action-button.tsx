"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** An action that ran but whose outcome is bad news (e.g. a failed connection test) returns this. */
export type Failure = { failure: string };
const isFailure = (d: unknown): d is Failure => typeof d === "object" && d !== null && typeof (d as Failure).failure === "string";

/** Quiet until asked: a destructive action shows as an outlined red button; the solid red one is in the confirm dialog. */
const QUIET_DESTRUCTIVE = "border-red-300 text-red-700 hover:bg-red-50 dark:border-red-900 dark:text-red-400 dark:hover:bg-red-950/40";

/**
 * One click, one server action (bound with its ids on the server). A `confirm` text asks first,
 * in a dialog naming what will happen; a string result is shown beside the button (e.g. a
 * connection test's latency).
 */
export function ActionButton({
  action,
  label,
  pendingLabel,
  confirm,
  variant = "outline",
  size = "sm",
  ariaLabel,
}: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  ariaLabel?: string;
}) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const destructive = variant === "destructive";
  function run() {
    setAsking(false);
    start(async () => {
      const r = await action();
      setResult(
        !r.ok
          ? { ok: false, text: r.error.message }
          : typeof r.data === "string"
            ? { ok: true, text: r.data }
            : isFailure(r.data)
              ? { ok: false, text: r.data.failure }
              : null,
      );
    });
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant={destructive ? "outline" : variant}
        size={size}
        className={destructive ? QUIET_DESTRUCTIVE : undefined}
        disabled={pending}
        onClick={() => (confirm ? setAsking(true) : run())}
        aria-label={ariaLabel}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
      {confirm && (
        <Dialog open={asking} onClose={() => setAsking(false)} title={confirm} role="alertdialog">
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => setAsking(false)} autoFocus>
              Cancel
            </Button>
            <Button variant={destructive ? "destructive" : "default"} onClick={run}>
              {label}
            </Button>
          </div>
        </Dialog>
      )}
      {result && (
        <span
          role="status"
          data-testid="action-result"
          className={result.ok ? "text-xs text-emerald-700 dark:text-emerald-400" : "text-xs text-red-700 dark:text-red-400"}
        >
          {result.text}
        </span>
      )}
    </span>
  );
}
